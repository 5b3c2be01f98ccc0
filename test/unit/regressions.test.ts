// Inputs that once crashed, hung or misbehaved, found by fuzzing or the hostile workspace. Each test
// is named after what went wrong.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ParseCache } from '../../src/core/cache';
import { findingsFor } from '../../src/core/advisor/findings';
import { explainAt } from '../../src/core/explain';
import { MAX_CONTINUED_LINES, parseDockerfile, parseDockerfileWithLibrary } from '../../src/core/parse/dockerfile';
import { cliFromSources } from '../fuzz/tree';
import { MAX_PATH_DEPTH } from '../../src/core/parse/hcl';
import { terraformModule } from '../../src/core/parse/terraform';
import { packerModule } from '../../src/core/parse/packer';
import type { ConfigModel, ConfigNode } from '../../src/core/parse/types';
import { composeModule } from '../../src/core/parse/compose';
import { kubernetesModule } from '../../src/core/parse/kubernetes';
import { limaModule } from '../../src/core/parse/lima';
import { vagrantModule } from '../../src/core/parse/vagrant';
import { MAX_FLOW_DEPTH, parseYamlTree } from '../../src/core/parse/yaml';
import { devcontainerModule } from '../../src/core/parse/devcontainer';
import { blankDeepNesting, MAX_JSON_DEPTH, MAX_JSON_NESTING, MAX_LISTED_ERRORS } from '../../src/core/parse/jsonc-tree';
import { moduleFor } from '../../src/core/registry';
import { corpusFiles } from '../fuzz/inputs';
import { corpusDir } from '../fuzz/inputs';

/** The shape make-workspace.mjs --hostile writes: one RUN continued over `n` lines. */
const longRun = (n: number, eol = '\n') => ['FROM alpine', 'RUN echo start \\', ...Array(n).fill('  && echo more \\'), '  && echo end', ''].join(eol);

describe('regressions', () => {
  describe('a 200,000-line continued RUN took over 30 seconds to parse, holding the editor', () => {
    // Without the fix this test does not finish within mocha's timeout.
    it('parses with the instruction spanning every line, and says which lines were not read', () => {
      const m = parseDockerfile(longRun(200_000), 'Dockerfile');
      assert.equal(m.instructions.length, 2);
      assert.equal(m.instructions[1].keyword, 'RUN');
      assert.deepEqual(m.instructions[1].range.end, { line: 200_002, character: '  && echo end'.length });
      assert.equal(m.problems.length, 1);
      assert.match(m.problems[0].message, /^lines 1002-200002 continue one instruction past 1000 lines/);
    });

    it('the hover on line 199,999 (through the editor parse cache) explains RUN', () => {
      const cache = new ParseCache();
      const model = cache.get('file:///w/hostile/long/Dockerfile', 1, '/w/hostile/long/Dockerfile', () => longRun(200_000, '\r\n'))!;
      const ex = explainAt(model, { line: 199_998, character: 4 }, { generic: true });
      assert.equal(ex?.topic.id, 'dockerfile.instruction.RUN');
      assert.equal(explainAt(model, { line: 200_002, character: 6 }, { generic: false })?.topic.id, 'dockerfile.instruction.RUN');
    });

    it('reads an instruction of up to MAX_CONTINUED_LINES lines in full, and what follows the long one', () => {
      const text = longRun(MAX_CONTINUED_LINES - 2) + longRun(5000).replace('FROM alpine', 'FROM debian AS two') + 'USER root\nEXPOSE 22\n';
      const m = parseDockerfile(text, 'Dockerfile');
      assert.equal(m.problems.length, 1);
      assert.equal(m.instructions[1].args.split('echo more').length - 1, MAX_CONTINUED_LINES - 2);
      assert.deepEqual(m.instructions.map((i) => i.keyword), ['FROM', 'RUN', 'FROM', 'RUN', 'USER', 'EXPOSE']);
      assert.equal(m.stages[1].name, 'two');
      assert.equal(m.finalUser?.value, 'root');
    });

    it('honours the escape directive when blanking', () => {
      const text = '# escape=`\n' + longRun(3000).replace(/\\$/gm, '`');
      const m = parseDockerfile(text, 'Dockerfile');
      assert.equal(m.escape, '`');
      assert.equal(m.instructions.length, 2);
      assert.equal(m.instructions[1].range.end.line, 3003);
    });
  });

  describe('explain on a FIFO waited forever for a writer', () => {
    it('exits 2 with one line instead', function () {
      const dir = mkdtempSync(join(tmpdir(), 'fifo-'));
      try {
        const fifo = join(dir, 'Dockerfile');
        if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
        // In a child with a time limit: the old code blocked the process reading the FIFO.
        const r = spawnSync(process.execPath, [cliFromSources(), 'explain', `${fifo}:1`], { encoding: 'utf8', timeout: 15_000 });
        assert.equal(r.signal, null, 'explain was still waiting after 15 s');
        assert.equal(r.status, 2);
        assert.equal(r.stderr, `container-or-vm: cannot read ${fifo}: not a regular file\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('HCL nested thousands deep took seconds (every node copies its key path)', () => {
    /** The longest key path in the tree. */
    const depthOf = (nodes: ConfigNode[] | undefined): number => {
      let max = 0;
      for (const n of nodes ?? []) max = Math.max(max, n.path.length, depthOf(n.children));
      return max;
    };

    // Without the fix, 10,000 levels take minutes and mocha's timeout fails these tests.
    for (const [what, text] of [
      ['blocks', 'resource "a" "b" {\n'.repeat(10_000)],
      ['lists and objects', 'x = ' + '['.repeat(10_000) + '{'.repeat(10_000)],
    ] as const) {
      it(`${what}: Terraform and Packer read the first ${MAX_PATH_DEPTH} levels and say the rest was not read`, () => {
        for (const [mod, file] of [[terraformModule, 'main.tf'], [packerModule, 'image.pkr.hcl']] as const) {
          const m = mod.parse(text, file) as ConfigModel;
          assert.ok(depthOf(m.roots) <= MAX_PATH_DEPTH + 3, `${file}: depth ${depthOf(m.roots)}`);
          assert.ok(depthOf(m.roots) >= MAX_PATH_DEPTH - 3, `${file}: depth ${depthOf(m.roots)}`);
          assert.ok(m.problems.some((p) => p.message === `nested more than ${MAX_PATH_DEPTH} keys deep; the deeper part was not read`), file);
        }
      });
    }

    it('a block after a too-deep one is still read', () => {
      const m = terraformModule.parse('a {\n'.repeat(200) + '}\n'.repeat(200) + 'resource "aws_instance" "web" {\n  ami = "x"\n}\n', 'main.tf') as ConfigModel;
      assert.ok(m.roots[0].children!.some((n) => n.key === 'resource.aws_instance.web'));
    });
  });

  describe('a 2 KB YAML file of nested braces took 40 seconds, gave different trees on two parses, then aborted the process', () => {
    // Found by the fuzzer (seed 2): a corpus compose file after 2,000 `{`. The yaml library aborts
    // the whole process (V8 runs out of memory compiling a regular expression): without the fix
    // this test takes the test run down with it.
    it('is refused with a problem before the yaml library sees it', () => {
      for (const text of ['{'.repeat(2100), 'services:\n  web:\n    x: ' + '[{'.repeat(1050) + '\n']) {
        for (const mod of [composeModule, kubernetesModule]) {
          const m = mod.parse(text, 'compose.yaml') as ConfigModel;
          assert.deepEqual(m.roots, []);
          assert.deepEqual(m.problems.map((p) => p.message), [`Brackets nested more than ${MAX_FLOW_DEPTH} deep; the file was not analysed.`]);
          assert.deepEqual(mod.parse(text, 'compose.yaml'), m);
        }
      }
    });

    it('brackets in quotes and comments do not count, and 50 levels still parse', () => {
      const quoted = `services:\n  web:\n    command: "${'{'.repeat(500)}"\n    # ${'['.repeat(500)}\n    image: 'x${'{'.repeat(500)}'\n`;
      const nested = 'services:\n  web:\n    labels: ' + '{a: '.repeat(50) + '1' + '}'.repeat(50) + '\n';
      for (const text of [quoted, nested]) {
        const m = composeModule.parse(text, 'compose.yaml') as ConfigModel;
        assert.deepEqual(m.problems, []);
        assert.equal(composeModule.workloads(m)[0]?.name, 'web');
      }
    });
  });

  describe('JSON nested 2,000 deep threw a RangeError (stack overflow) out of the devcontainer and Packer parsers', () => {
    it('reads the first levels, says the rest was not read, and throws nothing', () => {
      const text = '{"a":'.repeat(2000) + '['.repeat(2000);
      for (const [mod, file] of [[devcontainerModule, '.devcontainer/devcontainer.json'], [packerModule, 'template.pkr.json']] as const) {
        const m = mod.parse(text, file) as ConfigModel;
        assert.ok(m.problems.some((p) => p.message === `nested more than ${MAX_JSON_DEPTH} keys deep; the deeper part was not read`), file);
        let depth = 0;
        for (let n: ConfigNode | undefined = m.roots[0]; n; n = n.children?.[0]) depth = n.path.length;
        assert.equal(depth, MAX_JSON_DEPTH, file);
      }
    });

    it('a devcontainer.json of ordinary depth is read as before', () => {
      const m = devcontainerModule.parse('{"image": "x", "runArgs": ["--privileged"], "customizations": {"vscode": {"extensions": ["a"]}}}', '.devcontainer/devcontainer.json') as ConfigModel;
      assert.deepEqual(m.problems, []);
      assert.equal(m.roots[0].children!.find((c) => c.key === 'customizations')!.children![0].children![0].children![0].value, 'a');
    });
  });

  describe('YAML the yaml library overflows the stack on gave a different tree on every parse', () => {
    // Found by the fuzzer (seed 4): a Kubernetes corpus file with lone CR line endings, which the
    // yaml library reads as one line of compact mappings 2,000 deep; it catches the stack overflow
    // and keeps whatever it had, which depends on the engine's state. Took up to 19 seconds.
    it('lone CR line endings are read as line breaks, as the editor reads them', () => {
      const text = 'apiVersion: v1\rkind: Pod\rmetadata:\r  name: web\rspec:\r  hostNetwork: true\r' + '  x: 1\r'.repeat(2000);
      const m = kubernetesModule.parse(text, 'pod.yaml') as ConfigModel;
      assert.deepEqual(m.problems.filter((p) => !/Map keys must be unique/.test(p.message)), []);
      assert.equal(kubernetesModule.workloads(m)[0]?.name, 'web');
      const host = m.roots[0].children!.find((c) => c.key === 'spec')!.children!.find((c) => c.key === 'hostNetwork')!;
      assert.deepEqual(host.keyRange.start, { line: 5, character: 2 });
      assert.deepEqual(kubernetesModule.parse(text, 'pod.yaml'), m);
    });

    for (const [what, text, message] of [
      ['one line of 3,000 compact mappings', 'a: '.repeat(3000) + 'x', /More than 100 collections open on one line/],
      ['one line of 3,000 nested sequences', '- '.repeat(3000) + 'x', /More than 100 collections open on one line/],
      // 2 MB, read whole: its token tree nests 2,000 deep, past the guard that protects the stack.
      ['mappings indented 2,000 levels deep', Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n'), /^Nested too deeply to analyse; the file was not analysed/],
    ] as const) {
      it(`${what}: refused with the same problem every time`, () => {
        const first = composeModule.parse(text, 'compose.yaml') as ConfigModel;
        assert.equal(first.problems.length, 1);
        assert.match(first.problems[0].message, message);
        assert.equal(first.problems[0].incomplete, true);
        for (let i = 0; i < 3; i++) assert.deepEqual(composeModule.parse(text, 'compose.yaml'), first);
      });
    }
  });

  describe('2.5 KB of YAML with nested complex keys took 18 seconds (each key printed its inner keys again)', () => {
    // Found by the fuzzer (seed 5): a Lima corpus file after the deep-nesting mutation three times.
    // The cost doubled with every level; without the fix four copies take minutes and mocha's timeout fails this.
    const nest = (depth: number) =>
      Array.from({ length: depth }, (_, i) => ' '.repeat(i) + (i % 2 ? '- ' : 'k: ') + (i % 3 ? '' : '[')).join('\n') + '\n' + '['.repeat(depth) + '{'.repeat(depth) + '\n';

    it('parses, names long complex keys briefly, and gives the same tree twice', () => {
      const text = nest(10).repeat(4) + 'images:\n- location: x\n';
      const m = limaModule.parse(text, 'lima.yaml') as ConfigModel;
      assert.equal(m.roots.length, 1);
      assert.ok(m.problems.length > 0);
      assert.deepEqual(limaModule.parse(text, 'lima.yaml'), m);
      const keys: string[] = [];
      const visit = (nodes: ConfigNode[] | undefined) => nodes?.forEach((n) => (keys.push(n.key), visit(n.children)));
      visit(m.roots);
      assert.ok(keys.every((k) => k.length <= 200), 'a key name longer than 200 characters');
    });

    it('a short complex key is still named by its source text', () => {
      const m = composeModule.parse('services:\n  web:\n    labels:\n      ? [a, b]\n      : x\n', 'compose.yaml') as ConfigModel;
      const labels = m.roots[0].children![0].children![0].children![0];
      assert.match(labels.children![0].key, /a.*b/);
    });
  });

  describe('a file with classic Mac line ends (a lone CR) was read as one line by every parser but YAML\'s', () => {
    // The editor shows a lone CR as a line break, so hovers and lenses landed on the wrong lines.
    it('reads every corpus file with lone CRs into the same model as with LF', () => {
      let compared = 0;
      for (const c of corpusFiles()) {
        const lf = c.text.replace(/\r\n?/g, '\n');
        const cr = lf.replace(/\n/g, '\r');
        const mod = moduleFor(c.format)!;
        assert.deepEqual(mod.parse(cr, c.name), mod.parse(lf, c.name), c.name);
        compared++;
      }
      assert.ok(compared > 300, `${compared} files`);
    });
  });
  describe('a file with more top-level entries than a function takes arguments came out empty', () => {
    it('reads a Terraform file of 150,000 top-level attributes into a tree of 150,000 nodes', () => {
      const model = terraformModule.parse('a = 1\n'.repeat(150_000), 'big.tf');
      assert.deepEqual(model.problems, []);
      assert.equal(model.roots[0].children?.length, 150_000);
    });
  });
  describe('broken YAML nested 2,000 deep in the library\'s token tree gave a tree on one parse and none on the next (fuzzing, seed 13)', () => {
    it('refuses it with the same problem every time', () => {
      // A mutated manifest: lines of keys run together after a character no plain value may start with.
      const text = ('`piVersion: extensions/v1beta1'.repeat(50) + '\n').repeat(21);
      const first = parseYamlTree(text);
      assert.deepEqual(first.problems.map((p) => p.message), ['Nested too deeply to analyse; the file was not analysed.']);
      for (let i = 0; i < 5; i++) assert.deepEqual(parseYamlTree(text), first);
    });
  });

  describe('a FROM line of unclosed `${a:-` took seconds: the default-value pattern looked for a `}` from every `${` again (fuzzing, seed 16)', () => {
    // 15,000 characters took 95 ms; the cost grew with the square of the line. Without the fix the
    // 600,000 characters below take minutes, and mocha's timeout fails this.
    it('keeps the image as written (nothing in it can be filled in), and still resolves a default value after it', () => {
      const nested = '${a:-'.repeat(120_000);
      const m = parseDockerfile(`ARG a\nFROM ${nested}\nFROM \${a:-alpine}:\${a:-3.20} AS two\n`, 'Dockerfile');
      assert.equal(m.stages.length, 2);
      // Compared without printing 600,000 characters on failure.
      assert.ok(m.stages[0].image === nested, 'the image as written');
      assert.ok(m.stages[0].imageResolved === nested, 'no variable closed, so nothing filled in');
      assert.equal(m.stages[1].imageResolved, 'alpine:3.20');
    });
  });

  describe('200 KB of `#` comment lines named devcontainer.json took 170 ms: every character was a syntax error, listed one by one (fuzzing, seed 19)', () => {
    it('lists the first 100 errors and counts the rest in one problem placed where they start', () => {
      const line = '# ' + '-'.repeat(78) + '\n';
      const m = devcontainerModule.parse(line.repeat(2500), 'devcontainer.json') as ConfigModel;
      assert.equal(m.problems.length, MAX_LISTED_ERRORS + 1);
      const last = m.problems[MAX_LISTED_ERRORS];
      assert.match(last.message, /^\d+ more syntax errors from here on, not listed one by one$/);
      assert.ok(Number(last.message.split(' ')[0]) > 100_000, last.message);
      // The 101st error is on the second line: the first line's 80 characters give fewer than 100.
      assert.equal(last.range.start.line, 1);
      assert.deepEqual(devcontainerModule.parse(line.repeat(2500), 'devcontainer.json'), m);
    });
  });

  describe('JSON nested a few thousand levels deep parsed one time and ran out of stack the next (fuzzing, seed 23)', () => {
    // jsonc-parser recurses per level; where the stack ran out depended on the stack the caller had left.
    it('blanks what lies past MAX_JSON_NESTING brackets, and reads the first levels the same way every time', () => {
      const text = ('{"a":'.repeat(10) + '['.repeat(10)).repeat(1000);
      const first = devcontainerModule.parse(text, '.devcontainer/devcontainer.json') as ConfigModel;
      assert.ok(!first.problems.some((p) => /could not parse/.test(p.message)), first.problems[0]?.message);
      assert.ok(first.problems.some((p) => p.message === `nested more than ${MAX_JSON_DEPTH} keys deep; the deeper part was not read`));
      let depth = 0;
      for (let n: ConfigNode | undefined = first.roots[0]; n; n = n.children?.[0]) depth = n.path.length;
      assert.equal(depth, MAX_JSON_DEPTH);
      for (let i = 0; i < 3; i++) assert.deepEqual(devcontainerModule.parse(text, '.devcontainer/devcontainer.json'), first);
      assert.equal(blankDeepNesting(text)?.length, text.length);
      assert.equal(blankDeepNesting('{"a": [' + '[]'.repeat(MAX_JSON_NESTING) + ']}'), null, 'wide is not deep');
    });
  });

  describe('1 KB of tab-indented YAML ending in 45 unclosed `[` and 45 `{` took 12 seconds: complex keys were named by the library printing them, inner keys again at every level (fuzzing, seeds 27 and 33)', () => {
    // Tabs send the text to the yaml library, which reads the bracket line as a complex key holding
    // complex keys. Naming each by String(key) printed all that it held, once per level.
    const text = (brackets: number) => {
      let t = '';
      for (let i = 0; i < 12; i++) {
        const tab = '\t'.repeat(i);
        t += `${tab}k: ${i % 4 === 0 || i % 4 === 3 ? '[' : ''}\n${tab} - ${i % 4 === 1 ? '[' : ''}\n`;
      }
      return t + '['.repeat(brackets) + '{'.repeat(brackets) + '\n';
    };
    it('names the complex key by its source text, reads the document, and repeats', () => {
      const first = parseYamlTree(text(45));
      assert.equal(first.roots.length, 1);
      const keys: string[] = [];
      const visit = (nodes: ConfigNode[] | undefined) => nodes?.forEach((n) => (keys.push(n.key), visit(n.children)));
      visit(first.roots);
      assert.ok(keys.includes('['.repeat(45) + '{'.repeat(45)), keys.join(' '));
      assert.deepEqual(parseYamlTree(text(45)), first);
    });
  });

  describe('a 250,000-character comment line at the top of a Dockerfile kept dockerfile-ast busy for 50 ms: the leading comments went to it whole to find the directives (fuzzing, seed 26)', () => {
    // Only the leading lines that can be directives go to the library now; the reading is the same.
    const long = '#'.repeat(250_000);
    it('reads the directives before the long comment and none after it, as dockerfile-ast does', () => {
      for (const [text, escape] of [
        [`# escape=\`\n${long}\nFROM x\nRUN a \`\n  b\n`, '`'],
        [`${long}\n# escape=\`\nFROM x\nRUN a \\\n  b\n`, '\\'],
      ] as const) {
        const m = parseDockerfile(text, 'Dockerfile');
        assert.equal(m.escape, escape);
        assert.equal(m.instructions.length, 2);
        // The continuation is read with the escape in force: the two lines join.
        assert.equal(m.instructions[1].args, 'a   b');
        assert.deepEqual(JSON.parse(JSON.stringify(m)), JSON.parse(JSON.stringify(parseDockerfileWithLibrary(text, 'Dockerfile'))));
      }
    });
  });

  describe('a Vagrantfile of blocks nested 120,000 deep, each statement inside looking up `config`, took quadratic time: each lookup walked every open block, and each box was compared against a list of all the others', () => {
    // Without the fix this takes minutes, and mocha's timeout fails it.
    it('reads every box and reports each as a VM', () => {
      const text = 'Vagrant.configure("2") do |config|\n' + 'a.each do |x|\n'.repeat(120_000) + 'config.vm.box = "b"\n'.repeat(120_000);
      const m = vagrantModule.parse(text, 'Vagrantfile') as ConfigModel;
      const boxes = m.roots[0].children ?? [];
      assert.equal(boxes.length, 120_000);
      assert.deepEqual(boxes[119_999].path, ['vm', 'box']);
      assert.equal(boxes[119_999].value, 'b');
      const findings = findingsFor(m);
      assert.equal(findings.filter((f) => f.signal === 'existing.vagrant-machine').length, 120_000);
    });
  });

  describe('the rule runner kept every path end it had seen, and with it the text of every file read, for as long as the extension ran (fuzzing, seed 31: a test process held 114 MB)', () => {
    it('keeps nothing of a file once its findings are made', () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      // Files of distinct keys long enough to be slices of the text (a slice keeps the whole text alive).
      const fileOf = (n: number) => `services:\n${Array.from({ length: 2_000 }, (_, i) => `  service_${n}_${i}_with_a_long_name:\n    image: alpine\n`).join('')}`;
      const used = () => {
        gc();
        return process.memoryUsage().heapUsed;
      };
      findingsFor(composeModule.parse(fileOf(-1), 'compose.yaml'));
      const before = used();
      for (let n = 0; n < 40; n++) assert.ok(findingsFor(composeModule.parse(fileOf(n), 'compose.yaml')).length > 0);
      const grown = used() - before;
      // 40 files of 140 KB: kept, they were over 5 MB of text alone.
      assert.ok(grown < 2_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 40 files read and dropped`);
    });
  });

  describe('3,000 YAML aliases in 22 KB took 1.2 s (each alias walked the whole document for its anchor)', () => {
    it('resolves each alias to the last node before it with its anchor, through the index', () => {
      const block = (v: number) => `base${v}: &b {x: ${v}}\n${Array.from({ length: 10 }, (_, i) => `c${v}_${i}: *b\n`).join('')}`;
      const text = Array.from({ length: 300 }, (_, v) => block(v)).join('');
      const { roots, problems } = parseYamlTree(text);
      const value = (key: string) => roots[0].children?.find((c) => c.key === key)?.children?.find((c) => c.key === 'x')?.value;
      assert.equal(value('c0_0'), 0);
      assert.equal(value('c7_9'), 7);
      assert.equal(value('c99_5'), 99);
      // Every alias is expanded: there is no cap on their number, only on the nodes they make.
      assert.equal(value('c150_0'), 150);
      assert.equal(value('c299_9'), 299);
      assert.deepEqual(problems, []);
    });
  });

  describe('a large YAML file the fast reader leaves took the yaml library over 100 ms (fuzzing, seed 11); it was then read only up to 32 KB, and is now read whole', () => {
    const base = readFileSync(join(corpusDir(), 'cloud-init', 'canonical_cloud-init_doc_examples_cloud-config-apt.txt'), 'utf8');
    it('reads all of 100 KB of dedented cloud-init, and marks the errors after which the library drops text as incomplete', () => {
      const text = base.replace(/^[ \t]+/gm, '').repeat(Math.ceil(100_000 / base.length));
      const { roots, problems } = parseYamlTree(text);
      assert.ok(roots.length > 0);
      assert.ok(problems.length > 0);
      assert.ok(problems.every((p) => !/^Only lines/.test(p.message)));
      // The library reads past its first error by dropping or regrouping what follows (here a block
      // sequence as a key, then a key over two lines): the file says so, so it can be listed as incomplete.
      assert.ok(problems.every((p) => p.incomplete === true), problems.map((p) => p.message).join('; '));
      assert.deepEqual(parseYamlTree(text), { roots, problems });
    });
    it('reads a file whose line break falls exactly at 32 KB whole (the cut there once recursed without end: fuzzing, seed 14)', () => {
      const line = 'k: &a "' + 'x'.repeat(55) + '"\n'; // 64 characters
      const text = '\n' + line.repeat(600); // a line break at every multiple of 64, 32 KB included
      assert.equal(text[32 * 1024], '\n');
      const { roots, problems } = parseYamlTree(text);
      assert.equal(roots.length, 1);
      assert.equal(roots[0].children?.length, 600);
      assert.deepEqual(problems, []);
    });
    it('reads a large file whole, whether the fast reader takes it or it uses anchors', () => {
      const plain = 'a: 1\nb:\n  - x\n'.repeat(10_000);
      assert.deepEqual(parseYamlTree(plain).problems, []);
      const anchored = `base: &b {x: 1}\n${'c: *b\n'.repeat(10)}`.repeat(2_000);
      const { roots, problems } = parseYamlTree(anchored);
      assert.deepEqual(problems, []);
      assert.equal(roots[0].children?.length, 22_000);
      assert.equal(roots[0].children?.at(-1)?.children?.[0]?.value, 1);
    });
  });
});
