// Inline suppressions (`# container-or-vm: ignore <signal> -- <reason>`) as a user sees them: the
// finding leaves the verdict, the report lists it with its reason (JSON, text, Markdown, SARIF), and a
// suppression that suppresses nothing, or has no reason, is reported.
import * as assert from 'node:assert/strict';
import { adviseFiles, suppressAnalysis } from '../../src/core/advisor/advise';
import { analysisOfModel } from '../../src/core/advisor/live';
import { findingsFor } from '../../src/core/advisor/findings';
import { toSarif } from '../../src/core/advisor/sarif';
import { parseProjectConfig } from '../../src/core/config/projectConfig';
import { applySuppressions, scanSuppressions } from '../../src/core/config/suppressions';
import { parseWith } from '../../src/core/cache';
import { renderAdviceMarkdown, renderAdviceText } from '../../src/core/render/adviceText';
import { tempWorkspaces } from './helpers/workspace';
import { runCli } from './helpers/cli';

const temp = tempWorkspaces('cov-suppress-');
const workspace = temp.make;

const COMPOSE = (comment: string) => `services:\n  app:\n    image: nginx:1.27\n${comment}`;
const ABOVE = COMPOSE('    # container-or-vm: ignore hardening.privileged -- the emulator needs /dev/kvm\n    privileged: true\n');
const TRAILING = COMPOSE('    privileged: true  # container-or-vm: ignore hardening.privileged -- the emulator needs /dev/kvm\n');
const NONE = COMPOSE('    privileged: true\n');

describe('inline suppressions', () => {
  after(() => temp.cleanup());

  it('a comment above the line takes the finding out of the verdict and the report keeps it with its reason', async () => {
    const before = adviseFiles([{ path: 'compose.yaml', text: NONE }]);
    assert.equal(before.verdict, 'container-hardened');
    for (const text of [ABOVE, TRAILING]) {
      const r = adviseFiles([{ path: 'compose.yaml', text }]);
      assert.equal(r.verdict, 'container');
      assert.ok(!r.workloads[0].signals.some((s) => s.id === 'hardening.privileged'));
      assert.equal(r.suppressed?.length, 1);
      const s = r.suppressed![0];
      assert.deepEqual([s.signal, s.file, s.line, s.reason, s.by], ['hardening.privileged', 'compose.yaml', text === ABOVE ? 5 : 4, 'the emulator needs /dev/kvm', 'comment']);
      assert.deepEqual(r.unusedSuppressions, []);
    }
  });

  it('the CLI lists it in JSON, text, Markdown and SARIF (as dismissed in source)', async () => {
    const ws = workspace({ 'compose.yaml': ABOVE });
    const json = JSON.parse((await runCli('advise', ws, '--format', 'json')).out);
    assert.equal(json.verdict, 'container');
    assert.deepEqual(
      json.suppressed.map((s: { signal: string; line: number; reason: string }) => [s.signal, s.line, s.reason]),
      [['hardening.privileged', 5, 'the emulator needs /dev/kvm']],
    );
    const text = (await runCli('advise', ws)).out;
    assert.match(text, /Suppressed \(1\):\n {2}- compose\.yaml:5 hardening\.privileged \(comment\): the emulator needs \/dev\/kvm/);
    const md = (await runCli('advise', ws, '--format', 'markdown')).out;
    assert.match(md, /<summary>Suppressed \(1\)<\/summary>/);
    assert.match(md, /`compose\.yaml:5` `hardening\.privileged` \(comment\): the emulator needs \/dev\/kvm/);
    const sarif = JSON.parse((await runCli('advise', ws, '--format', 'sarif')).out);
    const results = sarif.runs[0].results as { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    const suppressed = results.filter((x) => x.suppressions);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].ruleId, 'hardening.privileged');
    assert.equal(suppressed[0].locations[0].physicalLocation.region.startLine, 5);
    assert.deepEqual(suppressed[0].suppressions, [{ kind: 'inSource', justification: 'the emulator needs /dev/kvm' }]);
    assert.ok(!results.some((x) => x.ruleId === 'hardening.privileged' && !x.suppressions), 'the finding is not also reported unsuppressed');
  });

  it('a config ignore entry is an external suppression in SARIF', () => {
    const config = parseProjectConfig('ignore:\n  - signal: hardening.privileged\n    path: "*.yaml"\n    reason: lab machine\n', 'cfg.yaml').config!;
    const r = adviseFiles([{ path: 'compose.yaml', text: NONE }], { config });
    assert.equal(r.verdict, 'container');
    assert.deepEqual(r.suppressed?.map((s) => [s.by, s.at.file, s.at.line]), [['config', 'cfg.yaml', 2]]);
    const sarif = toSarif(r);
    assert.deepEqual(sarif.runs[0].results.find((x) => x.suppressions)?.suppressions, [{ kind: 'external', justification: 'lab machine' }]);
    const elsewhere = parseProjectConfig('ignore:\n  - signal: hardening.privileged\n    path: other/**\n    reason: x\n', 'cfg.yaml').config!;
    assert.equal(adviseFiles([{ path: 'compose.yaml', text: NONE }], { config: elsewhere }).verdict, 'container-hardened', 'a path glob limits the entry');
  });

  it('a suppression that suppresses nothing is reported, in the report and the text', async () => {
    const text = COMPOSE('    # container-or-vm: ignore hardening.host-network -- not here\n    privileged: true\n');
    const r = adviseFiles([{ path: 'compose.yaml', text }]);
    assert.equal(r.verdict, 'container-hardened', 'another signal is not suppressed');
    assert.deepEqual(r.unusedSuppressions, [{ file: 'compose.yaml', line: 4, signal: 'hardening.host-network' }]);
    assert.match(renderAdviceText(r), /Suppression warnings \(1\):\n {2}- compose\.yaml:4: the suppression of hardening\.host-network suppresses nothing/);
    // On a line that is not the finding's, it suppresses nothing either.
    const far = COMPOSE('    # container-or-vm: ignore hardening.privileged -- too far\n\n    privileged: true\n');
    const f = adviseFiles([{ path: 'compose.yaml', text: far }]);
    assert.equal(f.verdict, 'container-hardened');
    assert.equal(f.unusedSuppressions?.length, 1);
  });

  it('a suppression without a reason, or of an unknown signal, is reported and suppresses nothing', async () => {
    const ws = workspace({ 'compose.yaml': COMPOSE('    # container-or-vm: ignore hardening.privileged\n    privileged: true\n'), 'b/compose.yaml': COMPOSE('    privileged: true # container-or-vm: ignore hardening.privilegd -- typo\n') });
    const r = await runCli('advise', ws, '--format', 'json');
    const json = JSON.parse(r.out);
    assert.equal(json.verdict, 'container-hardened');
    assert.deepEqual(json.suppressed, []);
    assert.deepEqual(
      json.suppressionProblems.map((p: { file: string; line: number; message: string }) => [p.file, p.line]),
      [['b/compose.yaml', 4], ['compose.yaml', 4]],
    );
    assert.match(json.suppressionProblems[1].message, /needs a reason/);
    assert.match(json.suppressionProblems[0].message, /unknown signal "hardening.privilegd"/);
    const md = renderAdviceMarkdown(adviseFiles([{ path: 'compose.yaml', text: COMPOSE('    # container-or-vm: ignore hardening.privileged\n    privileged: true\n') }]));
    assert.match(md, /\*\*Suppression warnings\*\*\n\n- `compose\.yaml:4`: the suppression of hardening\\\.privileged needs a reason/);
  });

  it('reads the comment forms of Dockerfiles, HCL and JSONC', () => {
    const docker = 'FROM alpine:3.20\n# container-or-vm: ignore hardening.root-user -- a build stage image\nUSER root\n';
    assert.deepEqual(scanSuppressions(docker).map((c) => [c.line, c.targets, c.signals, c.reason]), [[1, [1, 2], ['hardening.root-user'], 'a build stage image']]);
    const hcl = 'resource "x" "y" {\n  privileged = true // container-or-vm: ignore hardening.privileged, hardening.host-pid -- lab\n}\n';
    assert.deepEqual(scanSuppressions(hcl).map((c) => [c.line, c.targets, c.signals, c.reason]), [[1, [1], ['hardening.privileged', 'hardening.host-pid'], 'lab']]);
    assert.deepEqual(scanSuppressions('{ "image": "x" }\n'), []);
    assert.deepEqual(scanSuppressions('image: "container-or-vm: ignore hardening.privileged -- x"\n'), [], 'the marker inside a value is not a comment');
  });

  it('applySuppressions gives the editor the findings that still count', () => {
    const model = parseWith('compose.yaml', ABOVE);
    const findings = findingsFor(model!);
    assert.ok(findings.some((f) => f.signal === 'hardening.privileged'));
    const applied = applySuppressions(findings, ABOVE, undefined, 'compose.yaml');
    assert.ok(!applied.kept.some((f) => f.signal === 'hardening.privileged'));
    assert.equal(applied.kept.length, findings.length - 1);
  });

  it('suppressAnalysis takes them out of an open document\'s analysis, comments and config alike', () => {
    const analysis = analysisOfModel(parseWith('compose.yaml', ABOVE)!, 'compose.yaml')!;
    assert.ok(analysis.findings.some((f) => f.signal === 'hardening.privileged'));
    assert.ok(!suppressAnalysis(analysis, ABOVE).findings.some((f) => f.signal === 'hardening.privileged'));
    const plain = analysisOfModel(parseWith('compose.yaml', NONE)!, 'compose.yaml')!;
    const config = parseProjectConfig('ignore:\n  - signal: hardening.privileged\n    reason: lab\n').config!;
    assert.ok(!suppressAnalysis(plain, NONE, config).findings.some((f) => f.signal === 'hardening.privileged'));
    assert.ok(suppressAnalysis(plain, NONE).findings.some((f) => f.signal === 'hardening.privileged'));
  });
});
