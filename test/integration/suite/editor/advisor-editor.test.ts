// The advisor in the editor, as a user meets it: CodeLens above each workload, findings in the
// Problems panel, quick fixes that edit the file, and a lens that opens the report.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, openFile, waitFor, workspaceUri } from '../helpers';

const REPORT_TITLE = 'Should this be a VM?';
const DOCS = 'https://github.com/container-or-vm/container-or-vm/blob/main/docs/signals.md#';

interface Lens {
  line: number;
  title: string;
  command: string;
  args: unknown[];
}

async function lenses(file: string): Promise<Lens[]> {
  const uri = workspaceUri(file);
  const found = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return found
    .filter((l) => l.command?.command.startsWith('containerOrVm.'))
    .map((l) => ({ line: l.range.start.line, title: l.command!.title, command: l.command!.command, args: l.command!.arguments ?? [] }));
}

/** The lenses on one line, once some are there. */
async function lensesOn(file: string, line: number, title?: string): Promise<Lens[]> {
  return waitFor(`CodeLens on ${file}:${line + 1}${title ? ` titled ${title}` : ''}`, async () => {
    const on = (await lenses(file)).filter((l) => l.line === line);
    return on.length && (!title || on.some((l) => l.title === title)) ? on : undefined;
  });
}

function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  throw new Error(`no line with ${text} in ${doc.uri.path}`);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? { value: String(d.code.value), target: d.code.target.toString(true) } : undefined);

async function diagnostics(file: string, check: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const uri = workspaceUri(file);
  return waitFor(what, () => {
    const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Container or VM?');
    return check(ds) ? ds : undefined;
  });
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  return all.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

function reportTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.label === REPORT_TITLE));
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('containerOrVm').update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe('the advisor in the editor', () => {
  before(async () => {
    await openFile('Dockerfile');
    await waitFor('the extension to activate', () => extension().isActive);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Dockerfile: the final FROM carries the verdict with its reason and a comparison lens', async () => {
    const editor = await openFile('Dockerfile');
    const from = lineOf(editor.document, 'FROM alpine');
    const [verdict, compare] = await lensesOn('Dockerfile', from);
    assert.equal(verdict.title, 'Container: multi-stage build');
    assert.equal(verdict.command, 'containerOrVm.openReport');
    assert.equal((verdict.args[0] as { line: number }).line, from + 1);
    assert.equal(compare.title, 'Compare container vs VM');
    assert.equal(compare.command, 'containerOrVm.openComparison');
    assert.deepEqual(compare.args, [{ dimension: 'density' }]);
    assert.deepEqual((await lenses('Dockerfile')).map((l) => l.line), [from, from], 'only the final stage has lenses');
  });

  it('compose: each service key carries its verdict, the strongest hardening reasons first', async () => {
    const editor = await openFile('compose.yaml');
    const [agent] = await lensesOn('compose.yaml', lineOf(editor.document, 'agent:'));
    // Further, weaker hardening reasons would add ` +N`.
    assert.match(agent.title, /^Container — harden: privileged, docker\.sock mounted( \+\d+)?$/);
    const [vpn, compare] = await lensesOn('compose.yaml', lineOf(editor.document, 'vpn:'));
    assert.match(vpn.title, /^Container — harden: privileged\b/);
    assert.deepEqual(compare.args, [{ dimension: 'security' }]);
  });

  it('Vagrantfile: the machine is a VM', async () => {
    const editor = await openFile('Vagrantfile');
    const [vm] = await lensesOn('Vagrantfile', lineOf(editor.document, 'config.vm.box'));
    assert.equal(vm.title, 'VM: Vagrant VM');
  });

  it('Problems panel: findings on their lines, coded with the signal and a link to its explanation', async () => {
    const editor = await openFile('compose.yaml');
    const doc = editor.document;
    const ds = await diagnostics('compose.yaml', (d) => d.some((x) => codeOf(x)?.value === 'hardening.docker-socket'), 'compose diagnostics');
    const privileged = ds.filter((d) => codeOf(d)?.value === 'hardening.privileged').map((d) => d.range.start.line);
    assert.deepEqual(privileged, [lineOf(doc, 'privileged: true'), lineOf(doc, 'privileged: true') + 5]);
    const sock = ds.find((d) => codeOf(d)?.value === 'hardening.docker-socket')!;
    assert.equal(sock.range.start.line, lineOf(doc, 'docker.sock'));
    assert.equal(sock.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(codeOf(sock)?.target, `${DOCS}hardening.docker-socket`);
    assert.match(sock.message, /docker\.sock/);

    await openFile('nginx/Dockerfile');
    const [root] = await diagnostics('nginx/Dockerfile', (d) => d.some((x) => codeOf(x)?.value === 'hardening.root-user'), 'nginx diagnostics');
    assert.match(root.message, /No quick fix: .*port 80/);
  });

  it('settings: diagnostics off clears them, severity per group applies, CodeLens off removes the lenses', async () => {
    const editor = await openFile('compose.yaml');
    await diagnostics('compose.yaml', (d) => d.length > 0, 'compose diagnostics');
    try {
      await setting('diagnostics.severity', { hardening: 'error' });
      await diagnostics('compose.yaml', (d) => d.some((x) => codeOf(x)?.value === 'hardening.privileged' && x.severity === vscode.DiagnosticSeverity.Error), 'privileged as an error');
      await setting('diagnostics.enabled', false);
      await diagnostics('compose.yaml', (d) => d.length === 0, 'diagnostics to be cleared');
      await setting('codeLens.enabled', false);
      await waitFor('lenses to go', async () => (await lenses('compose.yaml')).length === 0);
    } finally {
      await setting('diagnostics.severity', undefined);
      await setting('diagnostics.enabled', undefined);
      await setting('codeLens.enabled', undefined);
    }
    await diagnostics('compose.yaml', (d) => d.length > 0, 'diagnostics to come back');
    await lensesOn('compose.yaml', lineOf(editor.document, 'agent:'));
  });

  it('quick fix: privileged on the VPN becomes cap_add NET_ADMIN, and undo brings it back', async () => {
    const editor = await openFile('compose.yaml');
    const doc = editor.document;
    const before = doc.getText();
    const ds = await diagnostics('compose.yaml', (d) => d.filter((x) => codeOf(x)?.value === 'hardening.privileged').length === 2, 'both privileged findings');
    const vpnLine = lineOf(doc, 'wireguard') + 1;
    const diag = ds.find((d) => codeOf(d)?.value === 'hardening.privileged' && d.range.start.line === vpnLine)!;
    const fixes = await quickFixes(doc.uri, diag.range);
    const fix = fixes.find((a) => a.title.includes('cap_add'));
    assert.ok(fix, `a cap_add fix among ${fixes.map((f) => f.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.lineAt(vpnLine).text, '    cap_add:');
    assert.equal(doc.lineAt(vpnLine + 1).text, '      - NET_ADMIN');
    await diagnostics('compose.yaml', (d) => d.filter((x) => codeOf(x)?.value === 'hardening.privileged').length === 1, 'the VPN’s privileged finding to go');
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the file', () => doc.getText() === before);
  });

  it('quick fix: the Dockerfile gets a non-root USER before EXPOSE, and a HEALTHCHECK is offered on EXPOSE', async () => {
    const editor = await openFile('Dockerfile');
    const doc = editor.document;
    const [root] = await diagnostics('Dockerfile', (d) => d.some((x) => codeOf(x)?.value === 'hardening.root-user'), 'the root-user finding');
    const userFix = (await quickFixes(doc.uri, root.range)).find((a) => a.title.includes('USER 10001'));
    assert.ok(userFix?.edit);
    assert.ok(await vscode.workspace.applyEdit(userFix.edit));
    const user = lineOf(doc, 'USER 10001');
    assert.equal(doc.lineAt(user + 1).text, 'EXPOSE 8080');
    assert.equal(doc.lineAt(user - 2).text, 'COPY --from=build /app /app');
    await diagnostics('Dockerfile', (d) => !d.some((x) => codeOf(x)?.value === 'hardening.root-user'), 'the root-user finding to go');

    const expose = lineOf(doc, 'EXPOSE 8080');
    const hc = (await quickFixes(doc.uri, new vscode.Range(expose, 0, expose, 0))).find((a) => a.title.startsWith('Add a HEALTHCHECK'));
    assert.ok(hc?.edit);
    assert.ok(await vscode.workspace.applyEdit(hc.edit));
    assert.equal(doc.lineAt(lineOf(doc, 'CMD ["/app"]') - 1).text, 'HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://localhost:8080/ || exit 1');
  });

  it('after a scan, a service built from a Dockerfile shows that Dockerfile’s evidence, and its lens opens the report', async () => {
    const editor = await openFile('compose.yaml');
    const web = lineOf(editor.document, 'web:');
    const [own] = await lensesOn('compose.yaml', web);
    assert.doesNotMatch(own.title, /^VM/, 'before a scan only the compose file is known');
    await vscode.commands.executeCommand('containerOrVm.advise');
    const [linked] = await lensesOn('compose.yaml', web, 'VM: loads kernel modules');
    assert.deepEqual(linked.args, [{ file: 'compose.yaml', line: web + 1 }]);

    // The Dockerfile the service builds says so above its own verdict, and opens the report at the service.
    const dockerfile = await openFile('web/Dockerfile');
    const from = lineOf(dockerfile.document, 'FROM');
    const onFrom = await lensesOn('web/Dockerfile', from, 'Built by web → VM: loads kernel modules');
    const builtBy = onFrom.find((l) => l.title.startsWith('Built by'))!;
    assert.deepEqual(builtBy.args, [{ file: 'compose.yaml', line: web + 1 }]);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('no report tab', () => !reportTabOpen());
    await vscode.commands.executeCommand(linked.command, ...linked.args);
    await waitFor('the report tab', () => reportTabOpen());
  });
});
