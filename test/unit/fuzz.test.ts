// Fuzzing every parser, the hover at any position, the advisor over random file sets and the
// renderers, with random text and hostile mutations of the corpus. Properties: nothing throws, nothing
// hangs (mocha's timeout), and the same input gives the same result twice. No call is held to a time
// (the 100 ms bound is retired: docs/reliability.md). This short run uses a fixed seed; `npm run fuzz`
// runs longer (FUZZ_SEED, FUZZ_RUNS) and prints its seed first, so any run can be replayed.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { adviseFiles, type AdviceReport } from '../../src/core/advisor/advise';
import { findingsFor } from '../../src/core/advisor/findings';
import { marksOf } from '../../src/core/advisor/marks';
import { toSarif } from '../../src/core/advisor/sarif';
import { compareTable } from '../../src/core/compare';
import { explainAt } from '../../src/core/explain';
import { detectFormat } from '../../src/core/parse/detect';
import type { Format, ModelBase } from '../../src/core/parse/types';
import { moduleFor, supportedFormats } from '../../src/core/registry';
import { renderAdviceMarkdown, renderAdviceText } from '../../src/core/render/adviceText';
import { renderPanelHtml } from '../../src/core/render/panelHtml';
import { renderReportHtml } from '../../src/core/render/reportHtml';
import { checked, corpusFiles, FUZZ_SEED, fuzzParams, HOSTILE_STRINGS, LONG_RUN, mutatedCorpus, NAMES, positionsFor, randomText, stats, textFor } from '../fuzz/inputs';

const FORMATS: Format[] = ['dockerfile', 'compose', 'kubernetes', 'devcontainer', 'vagrant', 'packer', 'bake', 'cloud-init', 'lima', 'terraform', 'quadlet'];

/** A report without its timing, the one field allowed to differ between two runs. */
const timeless = (r: AdviceReport) => ({ ...r, stats: { ...r.stats, ms: 0 } });

const env = { cspSource: 'vscode-resource:', nonce: 'N0NCE', scriptUri: 'vscode-resource:/media/x.js', styleUri: 'vscode-resource:/media/x.css' };

/** What an HTML document built from workspace data must never contain. */
function assertInert(html: string, what: string): void {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  assert.ok(scripts.every((s) => s.includes(`nonce="${env.nonce}"`) && s.includes(`src="${env.scriptUri}"`)), `${what}: a script tag without the nonce: ${scripts.join(' ')}`);
  assert.doesNotMatch(html, /<(img|svg|iframe|object|embed|base|form|meta http-equiv="refresh")\b/i, `${what}: an element from workspace data`);
  // Every `<` in the page comes from the template (data is escaped), so each tag is one of ours: with its
  // quoted values removed, none may carry an event handler.
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    assert.doesNotMatch(tag.replace(/"[^"]*"/g, '""'), /\son[a-z]+\s*=/i, `${what}: an inline event handler in ${tag.slice(0, 200)}`);
  }
  assert.doesNotMatch(html, /(href|src|action)\s*=\s*"\s*javascript:/i, `${what}: a javascript: link`);
}

function panelOf(report: AdviceReport, focusFilter: string): string {
  return renderPanelHtml({ table: compareTable(), marks: marksOf(report), filter: focusFilter }, env);
}

function reportHtml(report: AdviceReport): string {
  return renderReportHtml(report, env);
}

describe('fuzz', function () {
  // The hang check: a property that has not ended by then fails. The long run's properties make ten
  // or more times the calls, some on whole megabytes of broken YAML read by the yaml library.
  this.timeout(LONG_RUN ? 30 * 60_000 : 120_000);

  before(() => {
    if (LONG_RUN) console.log(`      fuzz seed ${FUZZ_SEED} (replay: FUZZ_SEED=${FUZZ_SEED} npm run fuzz)`);
  });

  after(() => {
    if (!LONG_RUN) return;
    console.log(`      ${stats.calls} checked calls, seed ${FUZZ_SEED}`);
    for (const [size, b] of Object.entries(stats.buckets)) {
      console.log(`      ${size}: ${b.calls} calls, slowest ${b.slowest.toFixed(1)} ms: ${b.slowestWhat}`);
    }
  });

  it('covers every registered format', () => {
    assert.deepEqual([...supportedFormats()].sort(), [...FORMATS].sort());
    for (const f of FORMATS) assert.ok(corpusFiles().some((c) => c.format === f), `no corpus file for ${f}`);
  });

  for (const format of FORMATS) {
    it(`${format}: parse, findings and workloads never throw and repeat`, () => {
      const mod = moduleFor(format)!;
      fc.assert(
        fc.property(textFor(format), (text) => {
          checked(`${format} parse`, text.length, () => {
            const m = mod.parse(text, NAMES[format][0]);
            return { model: m, findings: findingsFor(m), workloads: mod.workloads(m) };
          });
        }),
        fuzzParams(40),
      );
    });

    it(`${format}: a hover anywhere, on or off the text, never throws and repeats`, () => {
      const mod = moduleFor(format)!;
      fc.assert(
        fc.property(
          textFor(format).chain((text) => positionsFor(text).map((ps) => ({ text, ps }))),
          ({ text, ps }) => {
            const model: ModelBase = mod.parse(text, NAMES[format][0]);
            findingsFor(model);
            for (const pos of ps) {
              // topicAt directly too: explainAt turns a throwing topicAt into "nothing to explain".
              checked(`${format} topicAt ${pos.line}:${pos.character}`, text.length, () => mod.topicAt(model, pos));
              for (const generic of [true, false]) checked(`${format} explainAt ${pos.line}:${pos.character}`, text.length, () => explainAt(model, pos, { generic }));
            }
          },
        ),
        fuzzParams(30),
      );
    });
  }

  it('format detection never throws on any name and head', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...Object.values(NAMES).flat())), randomText, (name, head) => {
        checked('detectFormat', head.length, () => detectFormat(name, head));
      }),
      fuzzParams(100),
    );
  });

  const fileSet = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...FORMATS), fc.nat()).chain(([f, i]) => textFor(f).map((text) => ({ path: NAMES[f][i % NAMES[f].length], text }))),
      mutatedCorpus().map((m) => ({ path: m.base.split(' ')[0], text: m.text })),
      fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...FORMATS)).map(([h, f]) => ({ path: `${h}/${NAMES[f][0]}`, text: corpusFiles().find((c) => c.format === f)!.text })),
      fc.constantFrom(...HOSTILE_STRINGS).map((h) => ({ path: 'compose.yaml', text: `services:\n  ${JSON.stringify(h)}:\n    image: ${JSON.stringify(h)}\n    privileged: true\n` })),
    ),
    { maxLength: 6 },
  );

  it('the advisor over random file sets never throws and repeats', () => {
    fc.assert(
      fc.property(fileSet, (files) => {
        const size = files.reduce((n, f) => n + f.text.length, 0);
        checked('adviseFiles', size, () => adviseFiles(files), timeless);
      }),
      fuzzParams(40),
    );
  });

  it('the panel, the report page, Markdown, text and SARIF render any report inert and repeatably', () => {
    fc.assert(
      fc.property(fileSet, fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(...HOSTILE_STRINGS)), (files, filter) => {
        const report = adviseFiles(files);
        const size = files.reduce((n, f) => n + f.text.length, 0);
        assertInert(checked('renderPanelHtml', size, () => panelOf(report, filter)), 'panel');
        assertInert(checked('renderReportHtml', size, () => reportHtml(report)), 'report');
        checked('renderAdviceMarkdown', size, () => renderAdviceMarkdown(report));
        checked('renderAdviceText', size, () => renderAdviceText(report));
        checked('toSarif', size, () => toSarif(report));
      }),
      fuzzParams(40),
    );
  });

  it('hostile names in a report show as escaped text in both pages', () => {
    for (const h of HOSTILE_STRINGS.slice(0, 5)) {
      const report = adviseFiles([
        { path: `${h}/Dockerfile`, text: 'FROM alpine\nUSER root\nEXPOSE 22\n' },
        { path: 'compose.yaml', text: `services:\n  ${JSON.stringify(h)}:\n    image: alpine\n    privileged: true\n` },
      ]);
      assert.ok(report.workloads.some((w) => w.name.includes(h.slice(0, 10))), `no workload named after ${h}`);
      for (const html of [panelOf(report, h), reportHtml(report)]) {
        assertInert(html, h);
        if (/[<>"]/.test(h)) assert.ok(!html.includes(h), `raw ${h} in the page`);
      }
    }
  });
});
