// YAML that is a Go template outside a Helm chart (Lima's cloud-init user-data is the real case in
// test/fixtures/advisor/vm-lima-cidata-template): read whole with its actions out of the way, said
// so in a note, instead of listed as a file that could not be read.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFiles } from '../../src/core/advisor/advise';
import { renderAdviceText } from '../../src/core/render/adviceText';
import { parseYamlTree, withoutGoActions } from '../../src/core/parse/yaml';

const LIMA = readFileSync(join(process.cwd(), 'test', 'fixtures', 'advisor', 'vm-lima-cidata-template', 'user-data'), 'utf8');

describe('YAML that is a Go template', () => {
  it('reads Lima\'s cidata user-data whole: every top-level key on its own line, and a note instead of "incomplete"', () => {
    const tree = parseYamlTree(LIMA);
    assert.deepEqual(tree.problems.filter((p) => p.incomplete), []);
    const [note] = tree.problems;
    assert.match(note.message, /^Read as a Go template: its \d+ \{\{ \}\} actions were left out/);
    assert.equal(note.range.start.line, 7, 'the first action, `{{- if eq .OS "FreeBSD" }}` on line 8');
    // The keys a reader sees at the start of a line, each where the file has it.
    const expected = LIMA.split('\n').flatMap((l, i) => (/^[a-z_]+:/.test(l) ? [`${l.slice(0, l.indexOf(':'))}@${i}`] : []));
    const keys = tree.roots.flatMap((r) => r.children ?? []).map((c) => `${c.key}@${c.keyRange.start.line}`);
    assert.deepEqual(keys, expected);
    // A value an action gives stands as its text between underscores.
    const timezone = tree.roots[0].children?.find((c) => c.key === 'timezone');
    assert.equal(timezone?.value, '__.TimeZone__');
  });

  it('the advisor answers vm for it from `growpart:` with nothing listed as incomplete, and shows the note', () => {
    const report = adviseFiles([{ path: 'pkg/cidata/cidata.TEMPLATE.d/user-data', text: LIMA }]);
    assert.deepEqual(report.incomplete, []);
    assert.equal(report.workloads.length, 1);
    assert.equal(report.workloads[0].verdict, 'vm');
    const text = renderAdviceText(report);
    assert.match(text, /user-data:4\): `growpart:` is read by cloud-init/);
    assert.doesNotMatch(text, /could not be read completely/);
    assert.match(text, /^ {2}- pkg\/cidata\/cidata\.TEMPLATE\.d\/user-data: line 8: Read as a Go template/m);
  });

  it('keeps every character and line break where it was', () => {
    const text = 'a: 1\r\nb: {{ .B }}\n  {{- if .C }}\nc: [{{ .X }}, "{{ .Y }}"]\r{{/* a\ncomment */}}\nd: 2\n';
    const out = withoutGoActions(text);
    assert.ok(out);
    assert.equal(out.text.length, text.length);
    const breaks = (s: string) => [...s].flatMap((ch, i) => (ch === '\n' || ch === '\r' ? [i] : []));
    assert.deepEqual(breaks(out.text), breaks(text));
    assert.equal(out.actions, 5);
    assert.equal(out.text, `a: 1\r\nb: ___.B___\n${' '.repeat(14)}\nc: [___.X___, "___.Y___"]\r${' '.repeat(6)}\n${' '.repeat(12)}\nd: 2\n`);
  });

  it('leaves YAML without actions, and YAML that still does not read, as they were', () => {
    assert.equal(withoutGoActions('a: 1\nb: "}}"\n'), undefined);
    const plain = parseYamlTree('a: 1\nb: [2, 3]\n');
    assert.deepEqual(plain.problems, []);
    // Broken apart from its actions: the file stays incomplete, with the parser's own problems.
    const broken = parseYamlTree('a: {{ .A }}\nb: [1, 2\n  c: : :\n');
    assert.ok(broken.problems.some((p) => p.incomplete));
    assert.ok(!broken.problems.some((p) => /Go template/.test(p.message)));
  });

  it('ends on hostile text: a long run of unclosed `{{`, and a long line of actions', () => {
    const unclosed = parseYamlTree(`x: [\n${'{{'.repeat(200_000)}\n`);
    assert.ok(unclosed.problems.some((p) => p.incomplete));
    const line = `x: [${'{{ .A }}, '.repeat(100_000)}\n`;
    const many = withoutGoActions(line);
    assert.equal(many?.actions, 100_000);
    assert.equal(many?.text.length, line.length);
  });
});
