import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileAnalysis } from '../../src/core/advisor/engine';
import type { Finding } from '../../src/core/advisor/types';
import { analyzeChart, chartFileRole, chartRoots, isChartFile } from '../../src/core/helm/analyze';
import { renderChart } from '../../src/core/helm/chart';
import { gzipSync } from 'node:zlib';
import { adviseWorkspace } from '../../src/core/advisor/advise';
import { MemoryFs } from '../../src/core/memoryFs';

/** A chart from inline files, under `dir`. */
const chart = (dir: string, files: Record<string, string>) => new Map(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));

const CHART_YAML = 'apiVersion: v2\nname: mychart\nversion: 1.2.3\nappVersion: "4.5"\n';

const HELPERS = `{{/* The usual helpers */}}
{{- define "mychart.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}
{{- define "mychart.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`;

const pod = (spec: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: {{ include "mychart.fullname" . }}
  labels:
    {{- include "mychart.labels" . | nindent 4 }}
spec:
  template:
    spec:
${spec}`;

const lineOf = (text: string, needle: string) => {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `"${needle}" is in the template`);
  return i;
};

const findings = (r: { analyses: FileAnalysis[] }, signal: string): Finding[] => r.analyses.flatMap((a) => a.findings.filter((f) => f.signal === signal));
const names = (r: { analyses: FileAnalysis[] }) => r.analyses.flatMap((a) => a.workloads.map((w) => w.name)).sort();

describe('Helm charts: rendered with default values', () => {
  it('names workloads after the chart, the kind and the rendered name from the fullname helper', () => {
    const r = analyzeChart(
      'deploy/mychart',
      chart('deploy/mychart', {
        'Chart.yaml': CHART_YAML,
        'values.yaml': 'replicaCount: 1\n',
        'templates/_helpers.tpl': HELPERS,
        'templates/deployment.yaml': pod('      containers:\n        - name: app\n          image: nginx:1.27\n'),
        'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "mychart.fullname" . }}\n',
      }),
    );
    assert.deepEqual(names(r), ['mychart: Deployment/release-mychart']);
    assert.deepEqual(r.notes, []);
    const w = r.analyses.find((a) => a.file === 'deploy/mychart/templates/deployment.yaml')!.workloads[0];
    assert.equal(w.image, 'nginx:1.27');
    assert.equal(w.range.start.line, 1, 'the CodeLens sits on the template line of kind');
    for (const a of r.analyses) assert.deepEqual(a.problems, [], 'template files are never reported as broken YAML');
  });

  it('a hostNetwork: true inside an if that values.yaml turns off is not a finding', () => {
    const files = (on: boolean) =>
      chart('c', {
        'Chart.yaml': CHART_YAML,
        'values.yaml': `hostNetwork: ${on}\n`,
        'templates/_helpers.tpl': HELPERS,
        'templates/deployment.yaml': pod('      {{- if .Values.hostNetwork }}\n      hostNetwork: true\n      {{- end }}\n      containers:\n        - name: app\n          image: app:1\n'),
      });
    assert.deepEqual(findings(analyzeChart('c', files(false)), 'hardening.host-network'), []);
    const on = findings(analyzeChart('c', files(true)), 'hardening.host-network');
    assert.equal(on.length, 1, 'with the default turned on it is one');
    assert.equal(on[0].range.start.line, lineOf(files(true).get('c/templates/deployment.yaml')!, 'hostNetwork: true'));
    assert.equal(on[0].when, undefined);
  });

  it('hostNetwork: {{ .Values.hostNetwork }} with a default of true is a finding at the template line, naming the values.yaml line', () => {
    const template = pod('      hostNetwork: {{ .Values.hostNetwork }}\n      containers:\n        - name: app\n          image: app:1\n');
    const r = analyzeChart(
      'c',
      chart('c', {
        'Chart.yaml': CHART_YAML,
        'values.yaml': '# defaults\nimage: app\n\nhostNetwork: true\n',
        'templates/_helpers.tpl': HELPERS,
        'templates/deployment.yaml': template,
      }),
    );
    const [f] = findings(r, 'hardening.host-network');
    assert.ok(f, 'found');
    assert.equal(f.file, 'c/templates/deployment.yaml');
    assert.equal(f.range.start.line, lineOf(template, 'hostNetwork:'));
    assert.equal(f.range.start.character, template.split('\n')[f.range.start.line].indexOf('hostNetwork'));
    assert.match(f.message ?? '', /\(default in values\.yaml line 4\)$/);
    assert.equal(f.when, undefined);
  });

  it('a setting under a condition no file decides gets when, set to the condition as written', () => {
    const template = pod(`      containers:
        - name: app
          image: app:1
          securityContext:
            {{- if .Capabilities.APIVersions.Has "security.example/v1" }}
            privileged: true
            {{- else }}
            privileged: false
            {{- end }}
            runAsUser: 0
`);
    const r = analyzeChart('c', chart('c', { 'Chart.yaml': CHART_YAML, 'values.yaml': '', 'templates/_helpers.tpl': HELPERS, 'templates/deployment.yaml': template }));
    const [priv] = findings(r, 'hardening.privileged');
    assert.ok(priv, 'the first branch is read');
    assert.equal(priv.range.start.line, lineOf(template, 'privileged: true'));
    assert.equal(priv.when, '.Capabilities.APIVersions.Has "security.example/v1"');
    const [root] = findings(r, 'hardening.root-user');
    assert.ok(root);
    assert.equal(root.when, undefined, 'a line after the block is decided');
  });

  it('lookup, a missing required value and an unknown function are undecided, never true or false', () => {
    const template = pod(`      {{- if (lookup "v1" "Namespace" "" "kube-system") }}
      hostPID: true
      {{- end }}
      {{- if not (lookup "v1" "Secret" "" "x") }}
      hostIPC: true
      {{- end }}
      {{- if frobnicate .Values.x }}
      hostNetwork: true
      {{- end }}
      containers:
        - name: {{ required "name is required" .Values.name }}
          image: app:1
`);
    const files = chart('c', { 'Chart.yaml': CHART_YAML, 'values.yaml': 'x: 1\n', 'templates/_helpers.tpl': HELPERS, 'templates/deployment.yaml': template });
    const r = analyzeChart('c', files);
    assert.equal(findings(r, 'hardening.host-pid')[0]?.when, '(lookup "v1" "Namespace" "" "kube-system")');
    assert.equal(findings(r, 'hardening.host-ipc')[0]?.when, 'not (lookup "v1" "Secret" "" "x")');
    assert.equal(findings(r, 'hardening.host-network')[0]?.when, 'frobnicate .Values.x');
    const rendered = renderChart('c', files)!.templates[0];
    const nameLine = rendered.text.split('\n').findIndex((l) => l.includes('- name:'));
    assert.deepEqual(rendered.lines[nameLine].when, ['required "name is required" .Values.name'], 'an undecided value marks its line');
    assert.equal(r.notes.length, 1, 'one note for the file');
    assert.match(r.notes[0].message, /unknown function "frobnicate"/);
  });

  it('reads includes, named templates from any template file, range over lists and maps, with, variables and tpl', () => {
    const template = `{{- $root := . -}}
{{- range $i, $c := .Values.workers }}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ include "mychart.fullname" $root }}-{{ $c.name }}
spec:
  template:
    spec:
      {{- with $c.security }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ $c.name | quote }}
          image: {{ tpl $root.Values.imageTemplate $root }}
          env:
            {{- range $k, $v := $c.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          {{- template "mychart.extra" $c }}
{{- end }}
`;
    const files = chart('c', {
      'Chart.yaml': CHART_YAML,
      'values.yaml': `imageTemplate: "{{ .Chart.Name }}:{{ .Chart.AppVersion }}"
workers:
  - name: a
    env: { B: "2", A: "1" }
  - name: b
    security:
      runAsUser: 0
    docker: true
`,
      'templates/_helpers.tpl': HELPERS,
      'templates/more/_extra.tpl': '{{- define "mychart.extra" }}\n          {{- if .docker }}\n          volumeMounts:\n            - name: sock\n              mountPath: /var/run/docker.sock\n          {{- end }}\n{{- end }}\n',
      'templates/workers.yaml': template,
    });
    const r = analyzeChart('c', files);
    assert.deepEqual(names(r), ['mychart: StatefulSet/release-mychart-a', 'mychart: StatefulSet/release-mychart-b']);
    const out = renderChart('c', files)!.templates[0].text;
    assert.match(out, /image: mychart:4\.5/);
    assert.match(out, /- name: A\n {14}value: "1"\n {12}- name: B/, 'maps range in key order');
    const [root] = findings(r, 'hardening.root-user');
    assert.ok(root, 'the securityContext of worker b');
    assert.equal(root.range.start.line, lineOf(template, 'toYaml . | nindent 8'), 'a line from toYaml is placed at the action');
    assert.match(root.message ?? '', /\(default in values\.yaml line 6\)/, 'the map was set under worker b');
    const w = r.analyses[0].workloads.find((x) => x.name.endsWith('-b'))!;
    assert.ok(root.range.start.line >= w.extent.start.line && root.range.start.line <= w.extent.end.line, 'inside worker b as mapped');
  });

  it('renders subcharts with their values under their name over their own, and global; a disabled one not at all', () => {
    const sub = (name: string) => ({
      [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
      [`charts/${name}/values.yaml`]: 'hostPID: false\nimage: sub:1\n',
      [`charts/${name}/templates/ds.yaml`]: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Name }}
spec:
  template:
    spec:
      hostPID: {{ .Values.hostPID }}
      containers:
        - name: agent
          image: {{ .Values.global.registry }}/{{ .Values.image }}
`,
    });
    const files = chart('p', {
      'Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n  - name: agent\n    condition: agent.enabled\n  - name: off\n    condition: off.enabled\n',
      'values.yaml': 'global:\n  registry: r.example\nagent:\n  enabled: true\n  hostPID: true\noff:\n  enabled: false\n',
      ...sub('agent'),
      ...sub('off'),
    });
    const r = analyzeChart('p', files);
    assert.deepEqual(names(r), ['agent: DaemonSet/release-agent']);
    const [pid] = findings(r, 'hardening.host-pid');
    assert.equal(pid.file, 'p/charts/agent/templates/ds.yaml');
    assert.equal(pid.range.start.line, 7);
    assert.match(pid.message ?? '', /\(default in values\.yaml line 5\)$/, "the parent's value wins, and says where");
    assert.equal(r.analyses[0].workloads[0].image, 'r.example/sub:1');
  });

  it('says which templates that define workloads render nothing with the default values', () => {
    // nextcloud/all-in-one's chart leaves ten of its fifteen Deployments off by default.
    const dep = (name: string, flag: string) => `{{- if .Values.${flag} }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: ${name}:1\n{{- end }}\n`;
    const r = analyzeChart('c', chart('c', {
      'Chart.yaml': CHART_YAML,
      'values.yaml': 'web: true\ncollabora: false\nclamav: false\n',
      'templates/web.yaml': dep('web', 'web'),
      'templates/extras/collabora.yaml': dep('collabora', 'collabora'),
      'templates/extras/clamav.yaml': dep('clamav', 'clamav'),
      'templates/cm.yaml': '{{- if .Values.clamav }}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{- end }}\n',
    }));
    assert.deepEqual(names(r), ['mychart: Deployment/web']);
    assert.deepEqual(r.notes, [{ file: 'c/Chart.yaml', message: "With the chart's default values, 2 templates that define workloads render nothing (extras/clamav.yaml, extras/collabora.yaml): components the chart leaves off by default are not judged." }]);
  });

  it('leaves NOTES.txt and Helm test pods out, and tells which files belong to a chart', () => {
    const files = chart('c', {
      'Chart.yaml': CHART_YAML,
      'values.yaml': '',
      'templates/_helpers.tpl': HELPERS,
      'templates/NOTES.txt': 'Visit {{ include "mychart.fullname" . }}\n',
      'templates/tests/test-connection.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\nspec:\n  hostNetwork: true\n  containers: [{ name: t, image: busybox }]\n',
      'templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ include "mychart.fullname" . }}\nspec:\n  containers: [{ name: t, image: busybox:1 }]\n',
      'charts/sub/Chart.yaml': 'name: sub\n',
    });
    const r = analyzeChart('c', files);
    assert.deepEqual(
      r.analyses.map((a) => a.file),
      ['c/templates/pod.yaml'],
    );
    assert.deepEqual(chartRoots([...files.keys(), 'other/Chart.yaml', 'README.md']), ['c', 'other']);
    assert.equal(chartFileRole('c', 'c/templates/tests/test-connection.yaml'), 'test');
    assert.equal(chartFileRole('c', 'c/templates/NOTES.txt'), 'notes');
    assert.equal(chartFileRole('c', 'c/templates/_helpers.tpl'), 'helper');
    assert.equal(chartFileRole('c', 'c/templates/pod.yaml'), 'template');
    assert.equal(chartFileRole('c', 'c/values.yaml'), 'values');
    assert.equal(chartFileRole('c', 'c/charts/sub/templates/x.yaml'), 'template');
    assert.equal(chartFileRole('c', 'c/ci/test-values.yaml'), undefined);
    assert.equal(chartFileRole('c', 'cc/templates/x.yaml'), undefined);
    assert.ok(isChartFile(['c'], 'c/templates/pod.yaml'));
    assert.ok(!isChartFile(['c'], 'c/README.md'));
  });

  it('a template whose rendered YAML is broken, or that does not parse, gives one note and no problems', () => {
    const r = analyzeChart(
      'c',
      chart('c', {
        'Chart.yaml': CHART_YAML,
        'values.yaml': '',
        'templates/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {{ "[" }}\n  name: x\nspec: : :\n  a: [\n',
        'templates/syntax.yaml': 'kind: Pod\n{{ if .Values.x }}\nname: y\n',
        'templates/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
      }),
    );
    assert.deepEqual(
      r.notes.map((n) => n.file),
      ['c/templates/syntax.yaml', 'c/templates/broken.yaml'],
    );
    assert.match(r.notes[0].message, /missing \{\{end\}\}/);
    assert.match(r.notes[1].message, /not valid YAML near template line \d+/);
    for (const a of r.analyses) assert.deepEqual(a.problems, []);
  });
});

describe('Helm charts: hostile input ends with a note, never a hang', () => {
  const run = (template: string, helpers = '') =>
    analyzeChart('h', chart('h', { 'Chart.yaml': CHART_YAML, 'values.yaml': 'n: 1\n', 'templates/_h.tpl': helpers, 'templates/t.yaml': template, 'templates/after.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: after\nspec:\n  containers: [{ name: a, image: a:1 }]\n' }));

  it('an include that includes itself', () => {
    const r = run('{{ include "loop" . }}', '{{- define "loop" }}x{{ include "loop" . }}{{- end }}');
    assert.equal(r.notes.length, 1);
    assert.equal(r.notes[0].file, 'h/templates/t.yaml');
    assert.match(r.notes[0].message, /nested deeper than \d+/);
    assert.deepEqual(names(r), ['mychart: Pod/after'], 'the other templates still render');
  });

  it('a huge range, nested ranges and doubling strings', () => {
    assert.match(run('{{ range until 100000000 }}x{{ end }}').notes[0].message, /a list over/);
    assert.match(run('{{ range $a := until 50000 }}{{ range $b := until 50000 }}{{ end }}{{ end }}').notes[0].message, /steps exhausted/);
    assert.match(run('{{ $s := "ab" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}{{ $s }}').notes[0].message, /over \d+ characters/);
  });

  it('templates that include each other twice over, forty deep', () => {
    const defs = Array.from({ length: 40 }, (_, i) => `{{- define "t${i}" }}{{ include "t${i + 1}" . }}{{ include "t${i + 1}" . }}{{- end }}`).join('\n') + '\n{{- define "t40" }}y{{- end }}';
    const r = run('{{ include "t0" . }}', defs);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0].message, /steps exhausted|characters/);
    assert.deepEqual(names(r), ['mychart: Pod/after'], 'one file over its budget leaves the others theirs');
  });

  it('deep parentheses and blocks are a syntax note, not a stack overflow', () => {
    assert.match(run('{{ ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + ' }}').notes[0].message, /nested too deep/);
    assert.match(run('{{ if 1 }}'.repeat(5000) + '{{ end }}'.repeat(5000)).notes[0].message, /nested too deep/);
  });

  it('a fail reached with the default values: Helm renders nothing, so neither do we', () => {
    const r = run('apiVersion: v1\nkind: Pod\n{{- fail "set .Values.token" }}\n');
    assert.match(r.notes[0].message, /fails \("set \.Values\.token"\)/);
    assert.deepEqual(names(r), ['mychart: Pod/after']);
    assert.deepEqual(run('{{ if lookup "v1" "Pod" "" "" }}{{ fail "no" }}{{ end }}').notes, [], 'a fail under an undecided condition is undecided');
  });
});

describe('Helm charts: real charts from their repositories', () => {
  const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'helm');
  const load = (name: string) => {
    const files = new Map<string, string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else files.set(relative(FIXTURES, p).split('\\').join('/'), readFileSync(p, 'utf8'));
      }
    };
    walk(join(FIXTURES, name));
    return analyzeChart(name, files);
  };

  it('every fixture file is listed in ORIGIN.tsv with its commit and licence', () => {
    const rows = readFileSync(join(FIXTURES, 'ORIGIN.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    for (const r of rows) {
      assert.equal(r.length, 6, r.join(' '));
      assert.match(r[4], /^[0-9a-f]{40}$/);
      assert.ok(statSync(join(FIXTURES, r[0], r[1])).isFile(), `${r[0]}/${r[1]}`);
    }
    const listed = new Set(rows.map((r) => `${r[0]}/${r[1]}`));
    for (const c of ['prometheus-node-exporter', 'promtail', 'jupyterhub', 'nginx']) {
      const walk = (d: string): string[] => readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [relative(FIXTURES, join(d, e)).split('\\').join('/')]));
      for (const f of walk(join(FIXTURES, c))) assert.ok(listed.has(f), `${f} is listed`);
    }
  });

  it('prometheus-node-exporter: a DaemonSet on the host network and PID namespace, by its defaults', () => {
    const r = load('prometheus-node-exporter');
    assert.deepEqual(names(r), ['prometheus-node-exporter: DaemonSet/release-prometheus-node-exporter']);
    assert.deepEqual(r.notes, []);
    const [net] = findings(r, 'hardening.host-network');
    const template = readFileSync(join(FIXTURES, 'prometheus-node-exporter/templates/daemonset.yaml'), 'utf8');
    assert.equal(net.range.start.line, lineOf(template, 'hostNetwork: {{ .Values.hostNetwork }}'));
    const values = readFileSync(join(FIXTURES, 'prometheus-node-exporter/values.yaml'), 'utf8').split('\n');
    const valueLine = values.findIndex((l) => l.startsWith('hostNetwork:')) + 1;
    assert.ok(net.message?.endsWith(`(default in values.yaml line ${valueLine})`), net.message);
    assert.equal(findings(r, 'hardening.host-pid').length, 1);
    assert.equal(findings(r, 'hardening.host-root-mount').length, 1, 'hostRootFsMount.enabled defaults to true');
  });

  it('promtail: a DaemonSet whose pod template comes from _pod.tpl, placed at the include', () => {
    const r = load('promtail');
    assert.deepEqual(names(r), ['promtail: DaemonSet/release-promtail']);
    // Its Deployment mode is off by default, and the note says so.
    assert.deepEqual(r.notes.map((n) => n.message), ["With the chart's default values, one template that defines a workload renders nothing (deployment.yaml): components the chart leaves off by default are not judged."]);
    const template = readFileSync(join(FIXTURES, 'promtail/templates/daemonset.yaml'), 'utf8');
    const mounts = findings(r, 'hardening.host-system-mount');
    assert.ok(mounts.length >= 2, 'the host log folders it reads');
    for (const f of mounts) assert.equal(f.range.start.line, lineOf(template, 'include "promtail.podTemplate"'));
    assert.equal(findings(r, 'hardening.root-user').length, 1, 'runAsUser: 0 by default');
  });

  it('jupyterhub: hub, image puller and user placeholders, with file templates included by path', () => {
    const r = load('jupyterhub');
    assert.deepEqual(names(r), ['jupyterhub: DaemonSet/continuous-image-puller', 'jupyterhub: Deployment/hub', 'jupyterhub: StatefulSet/user-placeholder']);
    assert.deepEqual(r.notes, []);
  });

  it('bitnami nginx with its vendored common chart: a Deployment named by common.names.fullname', () => {
    const r = load('nginx');
    assert.deepEqual(names(r), ['nginx: Deployment/release-nginx']);
    assert.deepEqual(r.notes, []);
    assert.ok(findings(r, 'cloud-native.read-only-rootfs').length >= 1, 'its hardened defaults are read');
    assert.deepEqual(findings(r, 'hardening.privileged'), []);
  });
});

describe('Helm charts: packaged subcharts (charts/*.tgz)', () => {
  /** A tar as Go's archive/tar writes it: ustar headers, a PAX record for a long path. */
  const tar = (files: Record<string, string>): Buffer => {
    const blocks: Buffer[] = [];
    const header = (name: string, size: number, type: string) => {
      const h = Buffer.alloc(512);
      h.write(name.slice(0, 100), 0, 'utf8');
      h.write('0000644\0', 100);
      h.write('0000000\0', 108);
      h.write('0000000\0', 116);
      h.write(size.toString(8).padStart(11, '0') + '\0', 124);
      h.write('00000000000\0', 136);
      h.write('        ', 148);
      h.write(type, 156);
      h.write('ustar\0', 257);
      h.write('00', 263);
      let sum = 0;
      for (const b of h) sum += b;
      h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
      return h;
    };
    const data = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
    for (const [name, text] of Object.entries(files)) {
      const body = Buffer.from(text);
      if (name.length > 100) {
        const rec = ` path=${name}\n`;
        let len = rec.length + 2;
        if (`${len}${rec}`.length !== len) len++;
        const pax = Buffer.from(`${len}${rec}`);
        blocks.push(header('PaxHeaders/x', pax.length, 'x'), data(pax));
      }
      blocks.push(header(name, body.length, '0'), data(body));
    }
    blocks.push(Buffer.alloc(1024));
    return Buffer.concat(blocks);
  };
  const sub = {
    'postgresql/Chart.yaml': 'apiVersion: v2\nname: postgresql\nversion: 13.2.24\n',
    'postgresql/values.yaml': 'primary:\n  hostNetwork: false\n',
    [`postgresql/templates/${'primary/'.repeat(12)}statefulset.yaml`]:
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}-postgresql\nspec:\n  template:\n    spec:\n      hostNetwork: {{ .Values.primary.hostNetwork }}\n      containers:\n      - name: postgresql\n        image: docker.io/bitnami/postgresql:16.2.0\n',
  };
  const workspace = (archive: Uint8Array) =>
    new MemoryFs({ chart: { 'Chart.yaml': 'apiVersion: v2\nname: airflow\nversion: 1.0.0\ndependencies:\n- name: postgresql\n  version: 13.2.24\n', 'values.yaml': 'postgresql:\n  primary:\n    hostNetwork: true\n', charts: { 'postgresql-13.2.24.tgz': archive } } });

  it('is unpacked and rendered with the parent chart, its values under its name; evidence points into the archive', async () => {
    const r = await adviseWorkspace(workspace(gzipSync(tar(sub))), ['/']);
    const pg = r.workloads.find((w) => w.name === 'postgresql: StatefulSet/release-postgresql');
    assert.ok(pg, r.workloads.map((w) => w.name).join());
    assert.match(pg.file, /^chart\/charts\/postgresql-13\.2\.24\.tgz\/templates\/(primary\/){12}statefulset\.yaml$/);
    assert.ok(pg.signals.some((s) => s.id === 'hardening.host-network'), 'the parent chart turns hostNetwork on');
    assert.deepEqual(r.skipped, []);
  });

  it('a damaged, foreign or oversized archive is skipped with the reason, and the answer says it is incomplete, never a crash', async () => {
    const bad = async (bytes: Uint8Array, max?: number) => {
      const r = await adviseWorkspace(workspace(bytes), ['/'], max ? { maxFileSize: max } : {});
      assert.ok(r.incomplete.some((f) => f.file === 'chart/charts/postgresql-13.2.24.tgz'), 'listed as not read completely');
      return r.skipped.find((n) => n.file === 'chart/charts/postgresql-13.2.24.tgz')?.reason ?? '';
    };
    assert.equal(await bad(new TextEncoder().encode('not gzip at all')), 'a packaged subchart that could not be unpacked (not a gzip file): its templates are not rendered');
    assert.match(await bad(gzipSync(tar(sub)).subarray(0, 60)), /^a packaged subchart that could not be unpacked \(the (gzip data is damaged|tar data ends inside an entry)/);
    assert.match(await bad(gzipSync(tar({ 'a/Chart.yaml': 'name: a\n', 'b/Chart.yaml': 'name: b\n' }))), /\(it is not one chart folder\)/);
    // A bomb: 40 MB of zeros packs to a few kilobytes.
    assert.match(await bad(gzipSync(Buffer.alloc(40 * 1024 * 1024)), 64 * 1024), /\(it holds more than 1 MB once unpacked\)/);
    assert.match(await bad(gzipSync(tar(sub)), 64), /^larger than the 64 bytes limit/);
  });
});
