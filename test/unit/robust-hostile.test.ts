// The advisor over a hostile workspace (make-workspace.mjs --hostile): a symlink loop, a dangling
// link, a YAML alias bomb, a 20 MB YAML file, a 200,000-line Dockerfile, binary bytes named
// Dockerfile, invalid UTF-8, a folder 150 levels deep, names with spaces and non-ASCII, an empty
// Dockerfile. The scan finishes, says what it skipped and why, stays under 300 MB, and changes nothing.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adviseWorkspace, type AdviceReport } from '../../src/core/advisor/advise';
import { ParseCache } from '../../src/core/cache';
import { explainAt } from '../../src/core/explain';
import { nodeFs, toPosixPath } from '../../src/node/nodeFs';
import { repoRoot } from '../fuzz/inputs';
import { cliFromSources, runNodeWithRss, treeDiff, treeFingerprint } from '../fuzz/tree';

const MAX_RSS_KB = 300 * 1024;

/** What a user must find in the skipped list: file, kind, and words of the reason. */
const EXPECTED_SKIPS: [string, string, RegExp][] = [
  ['hostile/big/compose.yaml', 'too-large', /larger than the 2\.0 MB limit/],
  ['hostile/long/Dockerfile', 'too-large', /larger than the 2\.0 MB limit \(3\.2 MB\)/],
  ['hostile/binary/Dockerfile', 'binary', /binary content/],
  ['hostile/loop/parent', 'link', /symbolic link loop/],
  ['hostile/dangling', 'link', /broken symbolic link/],
];

function assertHostileReport(r: Pick<AdviceReport, 'skipped' | 'notes' | 'workloads'>): void {
  for (const [file, kind, reason] of EXPECTED_SKIPS) {
    const s = r.skipped.find((x) => x.file === file);
    assert.ok(s, `${file} is not listed as skipped`);
    assert.equal(s.kind, kind, file);
    assert.match(s.reason, reason, file);
  }
  const note = (file: string) => r.notes.filter((n) => n.file === file).map((n) => n.message).join('\n');
  assert.match(note('hostile/bomb/docker-compose.yml'), /alias/i);
  assert.match(note('hostile/utf8/Dockerfile'), /not valid UTF-8/);
  const files = new Set(r.workloads.flatMap((w) => w.files));
  assert.ok(files.has('hostile/names/my service ü/Dockerfile'), 'the path with a space and ü has no workload');
  assert.ok([...files].some((f) => f.startsWith('hostile/deep/d0/') && f.endsWith('/d149/Dockerfile')), 'the Dockerfile 150 folders deep has no workload');
  assert.ok(files.has('hostile/utf8/Dockerfile'));
  // Nothing else was skipped for a reason other than the default folders and these.
  const others = r.skipped.filter((s) => s.kind !== 'default-folder' && !EXPECTED_SKIPS.some(([f]) => f === s.file));
  assert.deepEqual(others, []);
}

describe('hostile workspace', function () {
  this.timeout(180_000);
  let scratch: string;
  let ws: string;
  let cli: string;
  let before0: Map<string, string>;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'hostile-'));
    ws = join(scratch, 'ws');
    execFileSync(process.execPath, [join(repoRoot(), '..', 'shared', 'tools', 'make-workspace.mjs'), ws, '--files', '3000', '--seed', '7', '--hostile'], { stdio: 'ignore' });
    cli = cliFromSources();
    before0 = treeFingerprint(ws);
  });
  after(() => scratch && rmSync(scratch, { recursive: true, force: true }));

  it('the scan (Node file system) finishes and lists every skipped file with its reason', async () => {
    const r = await adviseWorkspace(nodeFs, [toPosixPath(ws)]);
    assertHostileReport(r);
    assert.ok(r.stats.configFiles > 200, `only ${r.stats.configFiles} configuration files read`);
  });

  it('the CLI (advise --format json) finishes, lists the same, and peaks under 300 MB', () => {
    const r = runNodeWithRss(cli, ['advise', ws, '--format', 'json'], { scratch });
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assertHostileReport(JSON.parse(r.out));
    assert.ok(r.maxRssKb > 0, 'no peak memory reported');
    assert.ok(r.maxRssKb < MAX_RSS_KB, `peak memory ${(r.maxRssKb / 1024).toFixed(0)} MB`);
  });

  it('the 200,000-line Dockerfile the scan skips as too large is still hovered in the editor (parse cache)', () => {
    const file = join(ws, 'hostile', 'long', 'Dockerfile');
    assert.ok(statSync(file).size > 2 * 1024 * 1024);
    const text = readFileSync(file, 'utf8');
    const model = new ParseCache().get(`file://${file}`, 1, file, () => text);
    assert.ok(model);
    // Line 199,999 as the editor numbers it.
    const ex = explainAt(model, { line: 199_998, character: 6 }, { generic: true });
    assert.equal(ex?.topic.id, 'dockerfile.instruction.RUN');
    assert.match(ex.markdown, /RUN/);
  });

  // Last, after the runs above (the scan in process and the CLI).
  it('changes nothing in the workspace: every file, mode and link target is as before', () => {
    assert.deepEqual(treeDiff(before0, treeFingerprint(ws)), []);
  });
});
