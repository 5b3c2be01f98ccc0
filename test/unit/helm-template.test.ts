import * as assert from 'node:assert/strict';
import { renderChart } from '../../src/core/helm/chart';

/** One template rendered in a chart named `demo` with the given values.yaml. */
function render(template: string, values = '', helpers = ''): { text: string; issues: string[]; when: (string[] | undefined)[] } {
  const files = new Map([
    ['demo/Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 0.3.0\nappVersion: v9\n'],
    ['demo/values.yaml', values],
    ['demo/templates/_helpers.tpl', helpers],
    ['demo/templates/t.yaml', template],
  ]);
  const r = renderChart('demo', files)!;
  const t = r.templates.find((x) => x.file === 'demo/templates/t.yaml');
  assert.ok(t, `rendered (notes: ${JSON.stringify(r.notes)})`);
  return { text: t.text, issues: t.issues, when: t.lines.map((l) => l.when) };
}
const text = (template: string, values = '', helpers = '') => render(template, values, helpers).text;

describe('Helm template evaluator', () => {
  it('trims whitespace at {{- and -}}, drops comments, keeps {{-3}} a number', () => {
    assert.equal(text('a  \n  {{- "b" -}}  \n  c'), 'abc');
    assert.equal(text('x{{/* gone */}}y{{- /* gone */}} z{{- /* gone */ -}} w'), 'xy zw');
    assert.equal(text('{{-3}}'), '-3');
  });

  it('reads fields, the built-in objects, variables and $', () => {
    assert.equal(text('{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }}'), 'demo 0.3.0 v9 release default Helm');
    assert.equal(text('{{ .Values.a.b }}|{{ .Values.missing.deeper }}|', 'a:\n  b: 7\n'), '7||');
    assert.equal(text('{{ $x := 1 }}{{ with .Values.a }}{{ $x = 2 }}{{ $.Chart.Name }}-{{ .b }}{{ end }}-{{ $x }}', 'a: { b: q }\n'), 'demo-q-2');
    assert.equal(text('{{ .Files.Get "config.ini" }}|{{ (.Files.Glob "x/*").AsConfig }}|'), '||');
    assert.equal(text('{{ .Template.Name }}'), 'demo/templates/t.yaml');
  });

  it('if / else if / else, with / else, range over lists, maps and nothing', () => {
    const t = '{{ if eq .Values.x 1 }}one{{ else if eq .Values.x 2 }}two{{ else }}other{{ end }}';
    assert.equal(text(t, 'x: 2\n'), 'two');
    assert.equal(text(t, 'x: 5\n'), 'other');
    assert.equal(text('{{ with .Values.none }}set{{ else }}unset{{ end }}'), 'unset');
    assert.equal(text('{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}', 'l: [a, b]\n'), '0=a;1=b;');
    assert.equal(text('{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}', 'm: { z: 1, a: 2 }\n'), 'a=2;z=1;');
    assert.equal(text('{{ range .Values.none }}x{{ else }}empty{{ end }}'), 'empty');
    assert.equal(text('{{ range until 5 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}'), '02');
  });

  it('define, template, include, tpl and block', () => {
    const helpers = '{{- define "greet" -}}hi {{ .name }}{{- end -}}{{- define "nested" -}}[{{ include "greet" . }}]{{- end -}}';
    assert.equal(text('{{ template "greet" (dict "name" "a") }} {{ include "nested" (dict "name" "b") | upper }}', '', helpers), 'hi a [HI B]');
    assert.equal(text('{{ tpl .Values.t . }}', 't: "{{ .Release.Name }}-x"\n'), 'release-x');
    assert.equal(text('{{ block "blk" . }}default{{ end }}'), 'default');
  });

  it('sprig and Helm functions charts use', () => {
    const cases: [string, string][] = [
      ['{{ default "d" .Values.none }} {{ default "d" 0 }} {{ default "d" "v" }}', 'd d v'],
      ['{{ "x" | quote }} {{ "x" | squote }} {{ 3 | quote }}', `"x" 'x' "3"`],
      ['{{ printf "%s-%d-%v-%5.1f|%-3s|" "a" 4 true 2.5 "b" }}', 'a-4-true-  2.5|b  |'],
      ['{{ "abcdef" | trunc 3 }} {{ "ab-" | trimSuffix "-" }} {{ "--ab" | trimPrefix "--" }} {{ "  s  " | trim }}', 'abc ab ab s'],
      ['{{ upper "a" }}{{ lower "B" }} {{ title "hello world" }} {{ replace "." "-" "a.b.c" }}', 'Ab Hello World a-b-c'],
      ['{{ contains "b" "abc" }} {{ hasPrefix "a" "abc" }} {{ hasSuffix "c" "abc" }}', 'true true true'],
      ['{{ and 1 0 }} {{ or 0 "" "x" }} {{ not 0 }} {{ ne 1 2 }} {{ lt 1 2 }} {{ ge 2 2 }} {{ gt "b" "a" }}', '0 x true true true true true'],
      ['{{ empty list }} {{ coalesce "" .Values.none "c" }} {{ ternary "y" "n" true }}', 'true c y'],
      ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ hasKey $d "b" }} {{ get $d "a" }} {{ keys $d | sortAlpha | join "," }} {{ len $d }}', 'true 1 a,b 2'],
      ['{{ $m := merge (dict "a" 1) (dict "a" 2 "b" 3) }}{{ $m.a }}{{ $m.b }} {{ (mergeOverwrite (dict "a" 1) (dict "a" 2)).a }}', '13 2'],
      ['{{ pick (dict "a" 1 "b" 2) "a" | toJson }} {{ omit (dict "a" 1 "b" 2) "a" | toJson }}', '{"a":1} {"b":2}'],
      ['{{ list 1 2 3 | len }} {{ index (list "a" "b") 1 }} {{ index (dict "k" (dict "j" "v")) "k" "j" }}', '3 b v'],
      ['{{ toString 5 }} {{ int "12" }} {{ int64 3.9 }} {{ float64 "1.5" }} {{ add 1 2 }} {{ sub 5 2 }} {{ mul 2 3 }} {{ div 7 2 }}', '5 12 3 1.5 3 3 6 3'],
      ['{{ semverCompare ">=1.19-0" "1.25.3" }} {{ semverCompare "<1.14-0" "v1.25.0" }} {{ semverCompare "^1.2" "1.9.0" }} {{ semverCompare "~1.2.0" "1.3.0" }}', 'true false true false'],
      ['{{ "hello" | b64enc }} {{ "aGVsbG8=" | b64dec }}', 'aGVsbG8= hello'],
      ['{{ "abc" | sha256sum }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['{{ kindIs "map" (dict) }} {{ kindIs "slice" (list) }} {{ typeOf "s" }} {{ kindOf 1 }}', 'true true string int'],
      ['{{ regexReplaceAll "[^a-z]" "a1b2" "" }} {{ regexMatch "^v[0-9]" "v1" }} {{ regexFind "[0-9]+" "ab123c" }}', 'ab true 123'],
      ['{{ splitList "," "a,b" | last }} {{ (split ":" "x:y")._1 }} {{ concat (list 1) (list 2) | toJson }} {{ uniq (list 1 1 2) | toJson }}', 'b y [1,2] [1,2]'],
      ['{{ (fromYaml "a: 1\\nb: [x]").b | first }} {{ dig "a" "b" "none" (dict "a" (dict "b" "deep")) }}', 'x deep'],
      // Sprig's URL functions, as Apache Airflow's chart builds its connection strings with them.
      ['{{ $u := urlParse "postgresql://user:pw@db.svc:5432/airflow?sslmode=disable#x" }}{{ $u.scheme }} {{ $u.host }} {{ $u.hostname }} {{ $u.path }} {{ $u.query }} {{ $u.userinfo }} {{ $u.fragment }}', 'postgresql db.svc:5432 db.svc /airflow sslmode=disable user:pw x'],
      ['{{ urlJoin (dict "scheme" "redis" "host" "redis:6379" "path" "0" "userinfo" ":pw") }} {{ urlJoin (dict "scheme" "mailto" "opaque" "a@b.c") }}', 'redis://:pw@redis:6379/0 mailto:a@b.c'],
    ];
    for (const [t, want] of cases) assert.equal(text(t), want, t);
  });

  it('toYaml writes keys sorted, lists unindented under a key, and nindent / indent shift every line', () => {
    const values = 'sc:\n  runAsUser: 1000\n  capabilities:\n    drop: [ALL]\n    add: []\n  name: "true"\n  script: "a\\nb\\n"\n';
    assert.equal(
      text('x:\n  {{- toYaml .Values.sc | nindent 2 }}', values),
      'x:\n  capabilities:\n    add: []\n    drop:\n    - ALL\n  name: "true"\n  runAsUser: 1000\n  script: |\n    a\n    b',
    );
    assert.equal(text('{{ list (dict "a" 1 "b" (list 2)) | toYaml | indent 2 }}'), '  - a: 1\n    b:\n    - 2');
    assert.equal(text('{{ toYaml (dict) }}|{{ toYaml .Values.none }}'), '{}|null');
  });

  it('a variable set in a branch no file decides is undecided after it, and so is what it decides', () => {
    const t = '{{- $found := false }}\n{{- range (lookup "v1" "Pod" "" "").items }}\n{{- $found = true }}\n{{- end }}\n{{- if $found }}\nfound\n{{- else }}\nnone\n{{- end }}';
    const r = render(t);
    assert.equal(r.text.trim(), 'found');
    assert.deepEqual(r.when[r.text.split('\n').findIndex((l) => l === 'found')], ['$found']);
  });

  it('a line an include writes keeps the condition it was written under', () => {
    const helpers = '{{- define "spec" }}\na: 1\n{{- if .Capabilities.APIVersions.Has "x/v1" }}\nb: 2\n{{- end }}\n{{- end }}';
    const r = render('{{- include "spec" . | nindent 0 }}', '', helpers);
    const lines = r.text.split('\n');
    assert.equal(r.when[lines.indexOf('a: 1')], undefined);
    assert.deepEqual(r.when[lines.indexOf('b: 2')], ['.Capabilities.APIVersions.Has "x/v1"']);
  });

  it('an unknown function or a missing template is undecided and noted once, not an error', () => {
    const r = render('{{ mystery 1 }}{{ mystery 2 }}{{ include "nope" . }}x');
    assert.equal(r.text, 'x');
    assert.deepEqual(r.issues, ['unknown function "mystery"', 'no template named "nope"']);
  });
});
