// The explanation a user reads: the same record rendered with or without the generic part, the
// comparison link, dimensions and sources; and the parse cache behind the hover.
import * as assert from 'node:assert/strict';
import { findingsFor } from '../../src/core/advisor/findings';
import { signalById } from '../../src/core/advisor/signals/index';
import { ParseCache, parseWith } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { topicById } from '../../src/core/knowledge/index';
import { sourceById } from '../../src/core/knowledge/sources';
import { parseDockerfile } from '../../src/core/parse/dockerfile';
import { sentences } from '../../src/core/render/explanation';
import { code, escapeText, inlineText } from '../../src/core/render/markdown';

const DF = 'FROM alpine:3.20\nUSER 1000\n';
const userAt = (generic: boolean) => explainAt(parseDockerfile(DF, 'Dockerfile'), { line: 1, character: 1 }, { generic })!;

describe('explain', () => {
  it('renders the topic: the title, what it means for container versus VM, what it does, three sources and a compare link', () => {
    const topic = topicById('dockerfile.instruction.USER')!;
    const ex = userAt(true);
    assert.equal(ex.topic.id, topic.id);
    assert.deepEqual(ex.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
    const [firstAngle] = sentences(topic.angle);
    assert.ok(ex.markdown.startsWith(`#### ${topic.title}\n\n**Container or VM?** ${firstAngle}`), ex.markdown);
    const [firstDoes] = sentences(topic.does);
    const does = ex.markdown.indexOf(`**What it does.** ${firstDoes}`);
    assert.ok(does > ex.markdown.indexOf('**On this line**'), 'what it does follows the line notes');
    assert.ok(ex.markdown.includes(`[${escapeText(topic.reference!.label)}](${topic.reference!.url})`), 'the reference link');
    assert.deepEqual(ex.dimensions.slice(0, topic.dimensions.length), topic.dimensions);
    assert.deepEqual(
      ex.sources.slice(0, topic.sources.length),
      topic.sources.map((c) => ({ doc: c.doc, title: sourceById(c.doc).title, section: c.section })),
    );
    const sourcesLine = ex.markdown.split('\n').find((l) => l.startsWith('*Sources:*'))!;
    const shown = ex.sources.slice(0, 3);
    for (const s of shown) assert.ok(sourcesLine.includes(`"${s.title.replace(/"/g, '\\"')}, “${s.section}”"`), `${s.title}, ${s.section}`);
    assert.equal(sourcesLine.split(' · ').length, shown.length);
    assert.ok(sourcesLine.startsWith(`*Sources:* [${sourceById(shown[0].doc).short}: `), sourcesLine);
    const link = /\[Compare[^\]]*\]\(command:containerOrVm\.openComparison\?([^)]+)\)/.exec(ex.markdown);
    assert.ok(link, 'has a compare link');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), { dimension: ex.dimensions[0] });
  });

  it('leaves out what the line does when asked to, and keeps the container-or-VM part and the line notes', () => {
    const topic = topicById('dockerfile.instruction.USER')!;
    const full = userAt(true).markdown;
    const angle = userAt(false).markdown;
    assert.ok(full.includes('**What it does.**'));
    assert.ok(!angle.includes('**What it does.**'));
    assert.ok(!angle.includes(topic.reference!.url));
    assert.ok(angle.includes(sentences(topic.angle)[0]));
    assert.ok(angle.includes('**On this line**') && full.includes('**On this line**'));
    assert.ok(angle.length < full.length);
  });

  it('with the room what it does leaves, the container-or-VM part says more', () => {
    const topic = topicById('dockerfile.instruction.USER')!;
    const told = (md: string) => sentences(topic.angle).filter((s) => md.includes(s)).length;
    assert.ok(told(userAt(false).markdown) >= told(userAt(true).markdown));
  });

  it('splits sentences as a reader does: not inside code spans or links, nor after e.g.', () => {
    assert.deepEqual(sentences('Runs `a. B` here. Then [x. Y](http://e.g/ "t. U") too, e.g. Docker. Last one!'), [
      'Runs `a. B` here.',
      'Then [x. Y](http://e.g/ "t. U") too, e.g. Docker.',
      'Last one!',
    ]);
    assert.deepEqual(sentences('One **bold.** Two (`x`). 3 more.'), ['One **bold.**', 'Two (`x`).', '3 more.']);
  });

  it("adds the advisor's findings inside the hovered instruction, with their label and dimension", () => {
    const text = 'FROM debian:12\nUSER root\nCMD ["bash"]\n';
    const model = parseDockerfile(text, 'Dockerfile');
    const found = findingsFor(model).filter((f) => f.range.start.line === 1);
    assert.ok(found.length > 0, 'the advisor finds something on USER root');
    const ex = explainAt(model, { line: 1, character: 0 }, { generic: false })!;
    for (const f of found) {
      const s = signalById(f.signal)!;
      assert.ok(ex.markdown.includes(`⚑ **${inlineText(s.label)}**`), s.label);
      assert.ok(ex.dimensions.includes(s.dimension));
    }
    const cmd = explainAt(model, { line: 2, character: 0 }, { generic: false })!;
    for (const f of found) assert.ok(!cmd.markdown.includes(inlineText(signalById(f.signal)!.label)));
  });

  it('returns null where there is nothing to explain, and for unknown formats', () => {
    const m = parseDockerfile(DF, 'Dockerfile');
    assert.equal(explainAt(m, { line: 5, character: 0 }, { generic: true }), null);
    assert.equal(explainAt({ format: 'terraform', file: 'x.tf', problems: [] }, { line: 0, character: 0 }, { generic: true }), null);
  });

  it('escapes file text: code spans cannot be broken out of, plain text is inert', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x`'), '`` `x` ``');
    assert.equal(code('line\nbreak'), '`line break`');
    assert.equal(escapeText('[a](command:x) <b>'), '\\[a\\]\\(command:x\\) \\<b\\>');
    assert.equal(inlineText('`USER [a](command:x)` runs\nas <b>root</b> *now*'), '`USER [a](command:x)` runs as \\<b\\>root\\</b\\> \\*now\\*');
  });
});

describe('parse cache', () => {
  it('parses once per document version, then again for a new version', () => {
    const cache = new ParseCache(4);
    let reads = 0;
    const text = () => {
      reads++;
      return DF;
    };
    const a = cache.get('file:///w/Dockerfile', 1, '/w/Dockerfile', text);
    const b = cache.get('file:///w/Dockerfile', 1, '/w/Dockerfile', text);
    assert.ok(a && a === b);
    assert.equal(reads, 1);
    const c = cache.get('file:///w/Dockerfile', 2, '/w/Dockerfile', text);
    assert.ok(c && c !== a);
    assert.equal(reads, 2);
  });

  it('keeps at most its capacity, dropping the least recently used document', () => {
    const cache = new ParseCache(2);
    const get = (n: number) => cache.get(`file:///w/${n}/Dockerfile`, 1, `/w/${n}/Dockerfile`, () => DF);
    const one = get(1);
    get(2);
    assert.equal(get(1), one); // touch 1 so 2 is the oldest
    get(3);
    assert.equal(cache.size, 2);
    assert.equal(get(1), one);
    assert.notEqual(get(2), null);
  });

  it('detects the format from the name, or is told it', () => {
    assert.equal(parseWith('/w/api/Containerfile', DF)?.format, 'dockerfile');
    assert.equal(parseWith('/w/notes.txt', DF), null);
    assert.equal(parseWith('/w/untitled-1', DF, 'dockerfile')?.format, 'dockerfile');
  });
});
