import * as assert from 'node:assert/strict';
import { AdviceCache, adviseFiles, adviseWorkspace, CancelledError } from '../../src/core/advisor/advise';
import { decide, THRESHOLD, type Evidence } from '../../src/core/advisor/verdict';
import { MemoryFs } from '../../src/core/memoryFs';
import { FAKE_SIGNALS, fakeDeps } from './helpers/fakeFormats';

const ev = (...ids: string[]): Evidence[] => {
  const m = new Map<string, Evidence>();
  for (const id of ids) {
    const signal = FAKE_SIGNALS.find((s) => s.id === id)!;
    const e = m.get(id) ?? { signal, count: 0 };
    e.count++;
    m.set(id, e);
  }
  return [...m.values()];
};

describe('verdict rule', () => {
  it('no evidence: a plain container, with nothing that would change it', () => {
    const d = decide([]);
    assert.equal(d.verdict, 'container');
    assert.deepEqual(d.changes, []);
  });

  it('a plain container with some evidence says what would tip it, nearest first', () => {
    const d = decide(ev('t.other-os', 't.root', 't.stateless'));
    assert.equal(d.verdict, 'container');
    assert.deepEqual(d.changes, ['More evidence like t.other-os (0.50 of 0.70) → vm', 'More evidence like t.root (0.10 of 0.70) → container-hardened']);
    assert.deepEqual(decide(ev('t.stateless', 't.healthcheck')).changes, [], 'container evidence alone tips nothing');
  });

  it('one strong VM signal is enough', () => {
    const d = decide(ev('t.kernel-module'));
    assert.equal(d.verdict, 'vm');
    assert.deepEqual(d.changes, ['Drop the kernel module load → container']);
  });

  it('weak VM signals add up, and a repeat adds only a little', () => {
    assert.equal(decide(ev('t.other-os')).verdict, 'container');
    assert.equal(decide(ev('t.other-os', 't.weak-vm')).verdict, 'vm');
    // 0.3 * (1 + 0.1 * 3) stays below the threshold however often it repeats.
    assert.equal(decide(ev('t.weak-vm', 't.weak-vm', 't.weak-vm', 't.weak-vm', 't.weak-vm', 't.weak-vm')).verdict, 'container');
  });

  it('a privileged container is a hardening problem, not a reason for a VM', () => {
    const d = decide(ev('t.privileged'));
    assert.equal(d.verdict, 'container-hardened');
    assert.deepEqual(d.changes, ['Drop privileged: true and add only the capabilities it needs → container']);
  });

  it('cloud-native evidence lowers hardening only', () => {
    assert.equal(decide(ev('t.root', 't.socket')).verdict, 'container-hardened');
    assert.equal(decide(ev('t.root', 't.socket', 't.stateless')).verdict, 'container');
    assert.equal(decide(ev('t.kernel-module', 't.stateless', 't.healthcheck')).verdict, 'vm');
  });

  it('good habits cannot offset a hardening signal that decides alone (privileged stays a hardening problem)', () => {
    const d = decide(ev('t.privileged', 't.stateless', 't.healthcheck'));
    assert.equal(d.verdict, 'container-hardened');
    assert.equal(d.hardenNet, 0.8);
    assert.deepEqual(d.changes, ['Drop privileged: true and add only the capabilities it needs → container']);
  });

  it('untrusted code wants a sandbox, but a kernel need still wins', () => {
    const sandboxed = decide(ev('t.untrusted', 't.privileged'));
    assert.equal(sandboxed.verdict, 'sandboxed');
    // The remedy of an untrusted-code signal is how to sandbox it; what changes the verdict is trusting the code.
    assert.deepEqual(sandboxed.changes, ['If the code it runs were trusted (not "t.untrusted") → container-hardened']);
    const d = decide(ev('t.untrusted', 't.kernel-module'));
    assert.equal(d.verdict, 'vm');
    assert.deepEqual(d.changes, ['Drop the kernel module load → sandboxed']);
  });

  it('when no single signal decides, says which must go together', () => {
    assert.deepEqual(decide(ev('t.root', 't.socket')).changes, ['Add a USER line with a non-root user → container', 'Do not mount the Docker socket → container']);
    const d = decide(ev('t.privileged', 't.root', 't.socket'));
    assert.deepEqual(d.changes, ['Drop privileged: true and add only the capabilities it needs; Add a USER line with a non-root user → container']);
  });

  it('confidence grows with margin and agreement, and falls with counter-evidence', () => {
    const one = decide(ev('t.kernel-module')).confidence;
    const two = decide(ev('t.kernel-module', 't.other-os')).confidence;
    const against = decide(ev('t.kernel-module', 't.stateless')).confidence;
    assert.ok(two > one && one > against, `${two} > ${one} > ${against}`);
    for (const c of [one, two, against]) assert.ok(c > 0 && c < 1);
    const near = decide(ev('t.other-os')).confidence;
    const clean = decide(ev('t.stateless')).confidence;
    assert.ok(clean > near, `${clean} > ${near}`);
    assert.ok(THRESHOLD > 0.5);
  });
});

describe('advisor engine', () => {
  it('links a compose service to the Dockerfile it is built from: one workload, evidence from both', () => {
    const r = adviseFiles(
      [
        { path: 'compose.yaml', text: 'service web\n  build ./app\n  !t.privileged\nservice db\n  image postgres\n' },
        { path: 'app/Dockerfile', text: 'FROM python:3.12\nRUN x !t.root\n' },
      ],
      { deps: fakeDeps },
    );
    assert.deepEqual(r.workloads.map((w) => `${w.name}:${w.kind}:${w.verdict}`), ['web:compose-service:container-hardened', 'db:compose-service:container']);
    const web = r.workloads[0];
    assert.deepEqual(web.files, ['compose.yaml', 'app/Dockerfile']);
    assert.deepEqual(web.signals.map((s) => `${s.id}@${s.file}:${s.line}`), ['t.privileged@compose.yaml:3', 't.root@app/Dockerfile:2']);
    assert.equal(web.image, 'python:3.12');
    assert.equal(web.line, 1);
    assert.deepEqual(web.signals[0].sources, [{ doc: 'ms-containers-vs-vms', title: 'Containers vs. virtual machines', section: 'Containers vs. virtual machines: Isolation' }]);
    assert.equal(r.verdict, 'container-hardened');
  });

  it('links to a named Dockerfile and leaves an unused one standing alone', () => {
    const r = adviseFiles(
      [
        { path: 'deploy/compose.yml', text: 'service api\n  build ../docker/Dockerfile.prod\n' },
        { path: 'docker/Dockerfile.prod', text: 'FROM x\n!t.kernel-module\n' },
        { path: 'docker/Dockerfile.dev', text: 'FROM x\n' },
      ],
      { deps: fakeDeps },
    );
    assert.deepEqual(r.workloads.map((w) => `${w.name}:${w.file}:${w.verdict}`), ['api:deploy/compose.yml:vm', 'docker:docker/Dockerfile.dev:container']);
    assert.equal(r.verdict, 'vm');
  });

  it('gives a finding to the workload whose extent holds it, and a file-level finding to each', () => {
    const r = adviseFiles([{ path: 'compose.yaml', text: '!t.root\nservice a\n  !t.kernel-module\nservice b\n  !t.privileged\n' }], { deps: fakeDeps });
    const byName = Object.fromEntries(r.workloads.map((w) => [w.name, w.signals.map((s) => s.id).sort()]));
    assert.deepEqual(byName, { a: ['t.kernel-module', 't.root'], b: ['t.privileged', 't.root'] });
    assert.deepEqual(r.workloads.map((w) => w.verdict), ['vm', 'container-hardened']);
  });

  it('places the findings of hundreds of services each in its own, and file-level ones in all', () => {
    const own = ['t.kernel-module', 't.privileged', 't.root'];
    const text = '!t.root\n' + Array.from({ length: 300 }, (_, i) => `service s${i}\n  !${own[i % 3]}\n  !${own[(i + 1) % 3]}\n`).join('');
    const r = adviseFiles([{ path: 'compose.yaml', text }], { deps: fakeDeps });
    assert.equal(r.workloads.length, 300);
    for (const i of [0, 1, 149, 298, 299]) {
      const w = r.workloads.find((x) => x.name === `s${i}`)!;
      const lines = w.signals.map((x) => `${x.id}@${x.line}`).sort();
      const expected = [`${own[i % 3]}@${3 * i + 3}`, `${own[(i + 1) % 3]}@${3 * i + 4}`, 't.root@1'].sort();
      assert.deepEqual(lines, expected, `s${i}`);
    }
  });

  it('ignores ids the catalogue does not know', () => {
    const r = adviseFiles([{ path: 'Dockerfile', text: 'FROM x\n!t.nonexistent\n' }], { deps: fakeDeps });
    assert.deepEqual(r.workloads[0].signals, []);
    assert.equal(r.workloads[0].verdict, 'container');
  });

  it('re-advising after one file changed re-parses only that file', async () => {
    const fs = new MemoryFs({ ws: { a: { 'Dockerfile': 'FROM a\n' }, b: { 'Dockerfile': 'FROM b\n' }, 'compose.yaml': 'service a\n  build a\n' } });
    const cache = new AdviceCache();
    const first = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
    assert.equal(first.stats.parsed, 3);
    fs.writeFile('/ws/b/Dockerfile', 'FROM b\n!t.kernel-module\n');
    const second = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
    assert.deepEqual([second.stats.parsed, second.stats.reused], [1, 2]);
    assert.equal(fs.reads.get('/ws/a/Dockerfile'), 1);
    assert.equal(fs.reads.get('/ws/b/Dockerfile'), 2);
    assert.equal(second.workloads.find((w) => w.file === 'b/Dockerfile')?.verdict, 'vm');
    assert.equal(second.verdict, 'vm');
  });

  describe('when the caller reports every change (an editor\'s file watcher)', () => {
    /** MemoryFs counting folder listings and stats, with a hook run after every read. */
    class CountingFs extends MemoryFs {
      listings = 0;
      stats = new Map<string, number>();
      onRead?: (path: string) => void;
      override async readDir(path: string) {
        this.listings++;
        return super.readDir(path);
      }
      override async stat(path: string) {
        this.stats.set(path, (this.stats.get(path) ?? 0) + 1);
        return super.stat(path);
      }
      override async readFile(path: string) {
        const data = await super.readFile(path);
        this.onRead?.(path);
        return data;
      }
      reset() {
        this.listings = 0;
        this.stats.clear();
      }
    }
    const tree = () => ({ ws: { a: { 'Dockerfile': 'FROM a\n' }, b: { 'Dockerfile': 'FROM b\n' }, 'compose.yaml': 'service a\n  build a\n', src: { 'main.go': 'package main\n' } } });
    const verdictOf = (r: { workloads: { file: string; verdict: string }[] }, file: string) => r.workloads.find((w) => w.file === file)?.verdict;

    it('reads only the reported file again, without walking the folders or checking the others', async () => {
      const fs = new CountingFs(tree());
      const cache = new AdviceCache();
      cache.trackChanges();
      await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      fs.writeFile('/ws/b/Dockerfile', 'FROM b\n!t.kernel-module\n');
      cache.fileChanged('/ws/b/Dockerfile');
      cache.fileChanged('/ws/src/main.go');
      fs.reset();
      const second = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      assert.equal(verdictOf(second, 'b/Dockerfile'), 'vm');
      assert.deepEqual([second.stats.parsed, second.stats.reused, second.stats.files], [1, 2, 4]);
      assert.equal(fs.listings, 0);
      assert.deepEqual([...fs.stats.keys()], ['/ws/b/Dockerfile']);
      // The report is settled: a third run checks nothing.
      fs.reset();
      const third = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      assert.deepEqual([third.stats.parsed, fs.stats.size, fs.listings], [0, 0, 0]);
      assert.equal(verdictOf(third, 'b/Dockerfile'), 'vm');
    });

    it('walks again after files are created or deleted, and finds the new workload', async () => {
      const fs = new CountingFs(tree());
      const cache = new AdviceCache();
      cache.trackChanges();
      await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      fs.writeFile('/ws/c/Dockerfile', 'FROM c\n!t.privileged\n');
      cache.treeChanged('/ws/c/Dockerfile');
      fs.reset();
      const r = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      assert.equal(verdictOf(r, 'c/Dockerfile'), 'container-hardened');
      assert.ok(fs.listings > 0, 'the folders were listed again');
      assert.deepEqual([...fs.stats.keys()].filter((p) => p.endsWith('Dockerfile') || p.endsWith('.yaml')), ['/ws/c/Dockerfile']);
    });

    it('keeps a change reported during a run, or in a cancelled run, for the next run', async () => {
      const fs = new CountingFs(tree());
      const cache = new AdviceCache();
      cache.trackChanges();
      await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      // Changed again and reported just after the run read it: the next run reads it again.
      fs.writeFile('/ws/b/Dockerfile', 'FROM b\n!t.root\n');
      cache.fileChanged('/ws/b/Dockerfile');
      fs.onRead = (p) => {
        if (p !== '/ws/b/Dockerfile') return;
        fs.onRead = undefined;
        fs.writeFile('/ws/b/Dockerfile', 'FROM b\n!t.kernel-module\n');
        cache.fileChanged('/ws/b/Dockerfile');
      };
      const during = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      assert.notEqual(verdictOf(during, 'b/Dockerfile'), 'vm', 'the run read the file before the second change');
      const next = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      assert.equal(verdictOf(next, 'b/Dockerfile'), 'vm');
      // A cancelled run settles nothing.
      fs.writeFile('/ws/b/Dockerfile', 'FROM b\n!t.privileged\n');
      cache.fileChanged('/ws/b/Dockerfile');
      await assert.rejects(adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps, isCancelled: () => true }), CancelledError);
      const after = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      assert.equal(verdictOf(after, 'b/Dockerfile'), 'container-hardened');
    });

    it('checks every file once when the settings change, and a new size limit applies at once', async () => {
      const fs = new CountingFs(tree());
      const cache = new AdviceCache();
      cache.trackChanges();
      await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps });
      fs.reset();
      const r = await adviseWorkspace(fs, ['/ws'], { cache, deps: fakeDeps, maxFileSize: 10 });
      assert.deepEqual([...fs.stats.keys()].sort(), ['/ws/a/Dockerfile', '/ws/b/Dockerfile', '/ws/compose.yaml']);
      assert.deepEqual(r.skipped.filter((k) => k.kind === 'too-large').map((k) => k.file), ['compose.yaml']);
    });
  });

  it('uses the text and version an editor supplies instead of the saved file', async () => {
    const fs = new MemoryFs({ ws: { 'Dockerfile': 'FROM a\n' } });
    const r = await adviseWorkspace(fs, ['/ws'], { deps: fakeDeps, overlay: (p) => (p === '/ws/Dockerfile' ? { text: 'FROM a\n!t.privileged\n', version: 7 } : undefined) });
    assert.equal(r.workloads[0].verdict, 'container-hardened');
    assert.equal(fs.reads.size, 0);
  });
});
