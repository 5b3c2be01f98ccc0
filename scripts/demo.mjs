#!/usr/bin/env node
// `npm run demo`: a real VS Code in the browser (code-server) with the extension installed from a
// freshly built .vsix and a copy of examples/demo-workspace open. Prints the address and runs until
// Ctrl+C, then stops code-server and removes its folders (user data, extensions, the workspace copy).
//
//   node scripts/demo.mjs [--workspace FOLDER]
// code-server comes from scripts/setup-vscode.sh (npm run demo runs it first).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeServerBin, freshWorkspace, newRun, parseArgs, repoRoot, startCodeServer, workbenchUrl } from '../test/integration/harness.mjs';

const args = parseArgs(process.argv.slice(2));
const source = resolve(args.workspace ?? join(repoRoot, 'examples', 'demo-workspace'));
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

function must(what, r) {
  if (r.status !== 0) {
    console.error(`demo: ${what} failed\n${r.stdout ?? ''}${r.stderr ?? ''}`);
    process.exit(1);
  }
}

const run = newRun('demo');
const workspace = freshWorkspace(run, source);
const vsix = join(run.dir, `${pkg.name}-${pkg.version}.vsix`);
console.log('demo: building the .vsix');
must('packaging', spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--out', vsix], { cwd: repoRoot, encoding: 'utf8' }));

const server = await startCodeServer(run, { deadline: Date.now() + 120_000 });
must('installing the .vsix', spawnSync(codeServerBin, ['--install-extension', vsix, '--extensions-dir', server.extensionsDir, '--user-data-dir', server.userDataDir], { encoding: 'utf8' }));
if (!existsSync(join(server.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`, 'package.json'))) {
  console.error('demo: the extension is not in the extensions folder after installing');
  await server.stop();
  process.exit(1);
}

console.log(`
Container or VM? ${pkg.version} is running in VS Code (code-server) with a copy of ${source.replace(repoRoot + '/', '')}:

    ${workbenchUrl(server, workspace)}

Open that address in a browser. Try: hover USER in api/Dockerfile, the CodeLens above each
workload, F1 "Container or VM?: Should this be a VM?", F1 "Container or VM?: Open Comparison",
and Help > Welcome for the Getting Started walkthrough.
Logs: ${server.logFile}
Press Ctrl+C to stop (the copy of the workspace is removed; examples/ is left as it was).
`);
// The harness stops code-server and removes the run's folders on Ctrl+C; until then code-server's
// output pipes keep this process running.
