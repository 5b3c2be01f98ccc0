// `container-or-vm explain`: the hover's text from a terminal, as markdown or JSON lines.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli';
import { terminalMarkdown } from '../../src/cli/explain';
import { explainAt } from '../../src/core/explain';
import { parseDockerfile } from '../../src/core/parse/dockerfile';
import { fileLines } from '../../src/core/explain';
import { corpus } from './dockerfile-corpus';

const run = runCli;

const postgres = join(corpus, 'dockerfiles', 'docker-library_postgres_17_bookworm.Dockerfile');

describe('cli explain', () => {
  it('prints JSON lines with topic, markdown, dimensions and sources', async () => {
    const text = readFileSync(postgres, 'utf8').split('\n');
    const fromLine = text.findIndex((l) => l.startsWith('FROM')) + 1;
    const volumeLine = text.findIndex((l) => l.startsWith('VOLUME')) + 1;
    const r = await run('explain', `${postgres}:${fromLine}`, `${postgres}:${volumeLine}:1`, '--format', 'json');
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 2);
    assert.deepEqual(Object.keys(rows[0]), ['file', 'line', 'column', 'topic', 'markdown', 'dimensions', 'sources']);
    assert.equal(rows[0].topic, 'dockerfile.instruction.FROM');
    assert.equal(rows[0].line, fromLine);
    assert.equal(rows[0].column, 1);
    assert.equal(rows[1].topic, 'dockerfile.instruction.VOLUME');
    assert.match(rows[1].markdown, /holds database files/);
    for (const row of rows) {
      assert.ok(row.dimensions.length > 0);
      assert.ok(row.sources.length > 0);
      for (const s of row.sources) assert.deepEqual(Object.keys(s), ['doc', 'title', 'section']);
    }
  });

  it("prints the hover's markdown, without the editor's command: links", async () => {
    const text = readFileSync(postgres, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('ENV')) ;
    const hover = explainAt(parseDockerfile(text, postgres), { line, character: 0 }, { generic: true })!;
    const r = await run('explain', `${postgres}:${line + 1}`);
    assert.equal(r.code, 0);
    assert.equal(r.out, terminalMarkdown(hover.markdown));
    const angle = await run('explain', `${postgres}:${line + 1}`, '--verbosity', 'angle');
    assert.equal(angle.out, terminalMarkdown(explainAt(parseDockerfile(text, postgres), { line, character: 0 }, { generic: false })!.markdown));
  });

  it('prints no command: link in a terminal, in Markdown or JSON, while the hover keeps its comparison link', async () => {
    const text = readFileSync(postgres, 'utf8');
    const lines = text.split('\n');
    const positions = ['FROM', 'ENV', 'VOLUME', 'USER', 'EXPOSE', 'CMD'].map((k) => lines.findIndex((l) => l.startsWith(k))).filter((i) => i >= 0);
    assert.ok(positions.length >= 4);
    const hovers = positions.map((line) => explainAt(parseDockerfile(text, postgres), { line, character: 0 }, { generic: true })!.markdown);
    assert.ok(hovers.some((h) => /\]\(command:containerOrVm\.openComparison\?/.test(h)), 'the editor hover links to the comparison');
    const md = await run('explain', ...positions.map((l) => `${postgres}:${l + 1}`));
    const json = await run('explain', ...positions.map((l) => `${postgres}:${l + 1}`), '--format', 'json');
    assert.equal(md.code, 0);
    assert.equal(json.code, 0);
    for (const out of [md.out, json.out]) assert.doesNotMatch(out, /command:/);
    // What the link offered is said in words a terminal can act on.
    assert.match(md.out, /^Compare containers and VMs on [^:\n]+: run `container-or-vm compare`\.$/m);
  });

  it('terminalMarkdown keeps a link\'s text and title, and leaves other links alone', () => {
    const md = '*Sources:* [Short: A](command:x.y?%7B%7D "Title, “Section (1)”") · [Web](https://example.com)\n\n[Compare on X](command:x.y?1)\n';
    assert.equal(terminalMarkdown(md), '*Sources:* Short: A (Title, “Section (1)”) · [Web](https://example.com)\n\nCompare on X: run `container-or-vm compare`.\n');
  });

  it('uses the first non-blank character when no column is given', async () => {
    const file = join(corpus, 'buildkit-testfiles', 'testfiles', 'continueIndent', 'Dockerfile');
    const lines = readFileSync(file, 'utf8').split('\n');
    const indented = lines.findIndex((l) => /^\s+\S/.test(l));
    const r = await run('explain', `${file}:${indented + 1}`, '--format=json');
    const row = JSON.parse(r.out);
    assert.equal(row.column, lines[indented].search(/\S/) + 1);
  });

  it('without a column, explains the key starting on the line, past a list dash or a JSON bracket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'explain-line-'));
    // [file, text, 1-based line, expected topic, 1-based column of the key]
    const cases: [string, string, number, string, number][] = [
      ['user-data', '#cloud-config\nwrite_files:\n  - path: /etc/x\n    content: hi\n', 3, 'cloud-init.write_files', 5],
      ['lima.yaml', 'images:\n  - location: "https://example.com/x.qcow2"\nmounts:\n  - location: "~"\n    writable: true\n', 4, 'lima.mounts', 5],
      ['compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n', 5, 'compose.volumes.service', 9],
      ['pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - image: nginx:1.27\n      name: x\n', 7, 'kubernetes.containers.image', 7],
      ['template.json', '{\n  "builders": [\n    { "type": "docker", "image": "ubuntu", "commit": true }\n  ]\n}\n', 3, 'packer.builder.docker', 7],
    ];
    try {
      for (const [name, text, line, topic, column] of cases) {
        const file = join(dir, name);
        writeFileSync(file, text);
        const r = await run('explain', `${file}:${line}`, '--format', 'json');
        assert.equal(r.code, 0, `${name}: ${r.err}${r.out}`);
        const row = JSON.parse(r.out);
        assert.equal(row.topic, topic, name);
        assert.equal(row.column, column, name);
        const explicit = await run('explain', `${file}:${line}:${column}`);
        assert.equal(explicit.code, 0, name);
        assert.equal((await run('explain', `${file}:${line}`)).out, explicit.out, name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains other registered formats, told by name or by content', async () => {
    const compose = join(corpus, 'compose', 'blakeblackshear_frigate_docker-compose.yml');
    const kube = join(corpus, 'kubernetes', 'google_cadvisor_deploy_kubernetes_base_daemonset.yaml');
    const imageLine = readFileSync(compose, 'utf8').split('\n').findIndex((l) => /^\s+image:/.test(l)) + 1;
    const kindLine = readFileSync(kube, 'utf8').split('\n').findIndex((l) => l.startsWith('kind:')) + 1;
    const r = await run('explain', `${compose}:${imageLine}`, `${kube}:${kindLine}`, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const [a, b] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(a.topic, 'compose.image');
    assert.equal(b.topic, 'kubernetes.kind');
  });

  // One real key per remaining format, from the corpus: [format, corpus file, the key's line, topic, 1-based column].
  const formats: [string, string, RegExp, string, number][] = [
    ['devcontainer', 'devcontainer/devcontainers_templates_src_docker-in-docker_.devcontainer_devcontainer.json', /^\t"image":/, 'devcontainer.image', 2],
    ['Vagrantfile', 'vagrant/fgrehm_vagrant-lxc_spec/Vagrantfile', /^ {2}config\.vm\.box = /, 'vagrant.vm.box', 3],
    ['Packer HCL', 'packer/hashicorp_packer-plugin-docker_builder_docker_test-fixtures_fix_upload_owner.pkr.hcl', /^source "docker"/, 'packer.builder.docker', 1],
    ['Packer legacy JSON', 'packer/hashicorp_packer-plugin-docker_builder_docker_test-fixtures_fix_upload_owner.json', /^ {6}"type": "docker"/, 'packer.builder.docker', 7],
    ['cloud-init', 'cloud-init/canonical_cloud-init_doc_examples_cloud-config-write-files.txt', /^write_files:/, 'cloud-init.write_files', 1],
    ['Lima', 'lima/lima-vm_lima_docker.yaml', /^- mode: system/, 'lima.provision', 3],
    ['Terraform', 'terraform/hashicorp_terraform-provider-kubernetes_examples_resources_pod_example_1.tf', /^ {6}image = /, 'terraform.docker_container.image', 7],
  ];
  for (const [name, rel, lineRe, topic, column] of formats) {
    it(`explains a ${name} key: topic, 1-based line and column, cited sources`, async () => {
      const file = join(corpus, rel);
      const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => lineRe.test(l)) + 1;
      assert.ok(line > 0, `${lineRe} in ${rel}`);
      const r = await run('explain', `${file}:${line}`, '--format', 'json');
      assert.equal(r.code, 0, r.err);
      assert.equal(r.err, '');
      const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.deepEqual([row.file, row.line, row.column, row.topic], [file, line, column, topic]);
      assert.ok(row.markdown.length > 0);
      assert.ok(row.sources.length > 0);
      for (const src of row.sources) {
        assert.deepEqual(Object.keys(src), ['doc', 'title', 'section']);
        for (const v of Object.values(src)) assert.ok(typeof v === 'string' && v.length > 0, JSON.stringify(src));
      }
    });
  }

  it('answers bad usage with one line on stderr and exit code 2', async () => {
    for (const argv of [
      ['explain'],
      ['explain', 'Dockerfile'],
      ['explain', `${postgres}:0`],
      ['explain', `${postgres}:99999`],
      ['explain', '/no/such/Dockerfile:1'],
      ['explain', `${postgres}:1`, '--format', 'xml'],
      ['explain', `${join(corpus, 'README.md')}:1`],
    ]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.out, '');
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^container-or-vm: /);
    }
  });

  it('exits 1 when a position has nothing to explain', async () => {
    const lines = readFileSync(postgres, 'utf8').split('\n');
    const comment = lines.findIndex((l) => l.startsWith('#')) + 1;
    const r = await run('explain', `${postgres}:${comment}`, '--format', 'json');
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.out).topic, null);
  });

  describe('files as the editor and advise read them', () => {
    let dir: string;
    before(() => (dir = mkdtempSync(join(tmpdir(), 'explain-files-'))));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const put = (name: string, content: string | Buffer) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };

    it('counts a lone CR as a line end, as the parser and the editor do', async () => {
      const file = put('cr.Dockerfile', 'FROM ubuntu\rRUN x\rUSER root\r');
      const r = await run('explain', `${file}:3`, `${file}:2`, '--format', 'json');
      assert.equal(r.code, 0, r.err);
      const [user, runLine] = r.out.trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual([user.line, user.column, user.topic], [3, 1, 'dockerfile.instruction.USER']);
      assert.match(user.markdown, /USER root/);
      assert.equal(runLine.topic, 'dockerfile.instruction.RUN');
      // The hover of the same text at the same position says the same.
      const text = readFileSync(file, 'utf8');
      assert.equal(user.markdown, terminalMarkdown(explainAt(parseDockerfile(text, file), { line: 2, character: 0 }, { generic: true })!.markdown));
      // Mixed line ends: CRLF, lone CR and LF each end one line; an indented line starts at its first word.
      const mixed = put('mixed.Dockerfile', 'FROM a\r\n\r  USER root\nRUN x\n');
      const m = JSON.parse((await run('explain', `${mixed}:3`, '--format', 'json')).out);
      assert.deepEqual([m.topic, m.column], ['dockerfile.instruction.USER', 3]);
    });

    it('says how many lines a file has as an editor counts them (a final newline starts none)', async () => {
      const two = put('two.Dockerfile', 'FROM ubuntu\nUSER root\n');
      const r = await run('explain', `${two}:3`);
      assert.equal(r.code, 2);
      assert.match(r.err, /two\.Dockerfile has 2 lines, no line 3$/m);
      const one = put('one.Dockerfile', 'FROM ubuntu');
      assert.match((await run('explain', `${one}:2`)).err, /has 1 line, no line 2$/m);
      const cr = put('crend.Dockerfile', 'FROM ubuntu\rUSER root\r');
      assert.match((await run('explain', `${cr}:3`)).err, /has 2 lines, no line 3$/m);
      assert.equal((await run('explain', `${two}:2`)).code, 0);
      assert.deepEqual([fileLines('').count, fileLines('a').count, fileLines('a\n').count, fileLines('a\r\nb').count, fileLines('a\r\n\n').count], [0, 1, 1, 2, 2]);
    });

    it('tells a UTF-16, UTF-32 or binary file as such, on one line with exit code 2', async () => {
      const cases: [string, Buffer, RegExp][] = [
        ['utf16le-bom.Dockerfile', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('FROM ubuntu\nUSER root\n', 'utf16le')]), /UTF-16 text \(little-endian, with a byte order mark\), not UTF-8/],
        ['utf16be-bom.Dockerfile', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('FROM ubuntu\n', 'utf16le').swap16()]), /UTF-16 text \(big-endian, with a byte order mark\)/],
        ['utf16le.Dockerfile', Buffer.from('FROM ubuntu\nUSER root\n', 'utf16le'), /UTF-16 text \(little-endian, without a byte order mark\)/],
        ['utf32.Dockerfile', Buffer.from([0xff, 0xfe, 0, 0, 0x46, 0, 0, 0]), /UTF-32 text/],
        ['binary.Dockerfile', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]), /binary content \(NUL bytes\), not a text configuration file/],
      ];
      for (const [name, bytes, message] of cases) {
        const file = put(name, bytes);
        const r = await run('explain', `${file}:1`);
        assert.equal(r.code, 2, name);
        assert.equal(r.out, '', name);
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
        assert.match(r.err, message, name);
        assert.ok(r.err.includes(file), r.err);
      }
      // A UTF-8 byte order mark is no obstacle: read past, as advise and the editor do.
      const bom = put('bom.Dockerfile', '\ufeffFROM ubuntu\nUSER root\n');
      const b = JSON.parse((await run('explain', `${bom}:1`, '--format', 'json')).out);
      assert.deepEqual([b.topic, b.column], ['dockerfile.instruction.FROM', 1]);
    });

    it('refuses a file past the size limit from its size alone, and --max-file-size raises the limit', async () => {
      // Sparse: 3 GB on paper, nothing on disk; reading it would take gigabytes of memory.
      const huge = put('huge.Dockerfile', 'FROM ubuntu\n');
      truncateSync(huge, 3 * 1024 * 1024 * 1024);
      const r = await run('explain', `${huge}:1`);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, /larger than the 2\.0 MB limit \(3072\.0 MB\); give --max-file-size/);
      const big = put('big.Dockerfile', 'FROM ubuntu\n' + '# padding\n'.repeat(300_000));
      const refused = await run('explain', `${big}:1`);
      assert.equal(refused.code, 2);
      assert.match(refused.err, /larger than the 2\.0 MB limit \(2\.9 MB\); give --max-file-size \(such as --max-file-size 3MB\)/);
      const raised = await run('explain', `${big}:1`, '--max-file-size', '3MB', '--format', 'json');
      assert.equal(raised.code, 0, raised.err);
      assert.equal(JSON.parse(raised.out).topic, 'dockerfile.instruction.FROM');
      const lowered = await run('explain', `${postgres}:1`, '--max-file-size', '10b');
      assert.equal(lowered.code, 2);
      assert.match(lowered.err, /limit/);
      assert.equal((await run('explain', `${postgres}:1`, '--max-file-size', 'lots')).code, 2);
    });
  });
});
