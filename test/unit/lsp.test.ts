// The language server (`container-or-vm lsp --stdio`) as a client speaks to it: JSON-RPC with
// Content-Length framing over the child's stdin and stdout. Every step awaits the server's message.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = resolve(__dirname, '../../..');
const CLI = join(REPO, 'dist', 'cli.js');

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
}

/** A minimal LSP client over a child process. */
class Client {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly seen: Message[] = [];
  private readonly waiting: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    this.exited = new Promise((done) => child.on('exit', (code) => done(code)));
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      const m = JSON.parse(body) as Message;
      const i = this.waiting.findIndex((w) => w.test(m));
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(m);
      else this.seen.push(m);
    }
  }

  send(m: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  /** The first message (already received or still to come) that passes the test. */
  next(test: (m: Message) => boolean): Promise<Message> {
    const i = this.seen.findIndex(test);
    if (i >= 0) return Promise.resolve(this.seen.splice(i, 1)[0]);
    return new Promise((resolve) => this.waiting.push({ test, resolve }));
  }

  async request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    this.send({ id, method, params });
    const m = await this.next((x) => x.id === id && x.method === undefined);
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result;
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  diagnostics(uri: string): Promise<any[]> {
    return this.next((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri).then((m) => m.params.diagnostics);
  }
}

/** The text after the edits (non-overlapping, in any order) of one document. */
function applied(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const at = (p: { line: number; character: number }) => starts[p.line] + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => at(b.range.start) - at(a.range.start))) out = out.slice(0, at(e.range.start)) + e.newText + out.slice(at(e.range.end));
  return out;
}

describe('language server over stdio (lsp --stdio)', function () {
  let dir: string;
  let client: Client;
  const DOCKERFILE = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nCMD ["bash"]\n';

  before(function () {
    if (!existsSync(CLI)) {
      const r = spawnSync(process.execPath, ['esbuild.mjs', '--cli'], { cwd: REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    dir = mkdtempSync(join(tmpdir(), 'cvm-lsp-'));
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  });

  after(function () {
    if (client && client.child.exitCode === null) client.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives hovers, diagnostics, checked quick fixes and lenses, and exits after shutdown', async function () {
    client = new Client(spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const init = await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    assert.equal(init.capabilities.hoverProvider, true);
    assert.equal(init.capabilities.textDocumentSync.change, 1, 'full-text sync');
    client.notify('initialized', {});

    const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
    const published = client.diagnostics(uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    const diagnostics = await published;
    const root = diagnostics.find((d) => /root/i.test(d.message));
    assert.ok(root, `no diagnostic about root among ${JSON.stringify(diagnostics.map((d) => d.message))}`);
    assert.equal(root.source, 'Container or VM?');
    assert.equal(root.severity, 2, 'a hardening finding is a warning, as in the extension');
    assert.match(root.codeDescription.href, /signals\.md#/);

    // The hover is the text `explain FILE:1` prints.
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const explained = spawnSync(process.execPath, [CLI, 'explain', `${join(dir, 'Dockerfile')}:1`], { encoding: 'utf8' });
    assert.equal(explained.status, 0, explained.stderr);
    assert.equal(hover.contents.kind, 'markdown');
    assert.equal(hover.contents.value.trimEnd(), explained.stdout.trimEnd());
    assert.match(hover.contents.value, /\bVM|container/i);

    // The root finding's quick fix: a USER line, as `fix` would write it.
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: root.range, context: { diagnostics: [root] } });
    assert.ok(actions.length > 0, 'no code action for the root finding');
    const fix = actions.find((a: any) => a.diagnostics?.[0]?.code === root.code);
    assert.ok(fix, `no action tied to ${root.code}: ${JSON.stringify(actions.map((a: any) => a.title))}`);
    assert.equal(fix.kind, 'quickfix');
    const after = applied(DOCKERFILE, fix.edit.changes[uri]);
    assert.match(after, /^USER \S+/m, after);

    // The fixed text, sent whole, leaves no root finding.
    const republished = client.diagnostics(uri);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
    const later = await republished;
    assert.ok(!later.some((d) => d.code === root.code), `still ${root.code} after the fix: ${after}`);

    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1, JSON.stringify(lenses));
    assert.match(lenses[0].command.title, /^(VM|Sandboxed|Container)/);

    assert.equal(await client.request('shutdown', null), null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });

  it("applies the workspace root's .container-or-vm.yaml ignore rules", async function () {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n');
    // Which signal the privileged service gives, from a first server without the config file.
    const first = new Client(spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const uri = pathToFileURL(join(dir, 'compose.yaml')).href;
    const open = (c: Client) => {
      const published = c.diagnostics(uri);
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n' } });
      return published;
    };
    const start = async (c: Client) => {
      await c.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
      c.notify('initialized', {});
    };
    await start(first);
    const before = await open(first);
    const privileged = before.find((d) => /privileged/i.test(d.message));
    assert.ok(privileged, JSON.stringify(before.map((d) => d.message)));
    // Clients show diagnostics as plain text: names are quoted, not in Markdown code spans.
    assert.match(privileged.message, /'app'/, privileged.message);
    assert.ok(before.every((d) => !d.message.includes('`')), JSON.stringify(before.map((d) => d.message)));
    await first.request('shutdown', null);
    first.notify('exit', null);
    await first.exited;

    writeFileSync(join(dir, '.container-or-vm.yaml'), `ignore:\n  - signal: ${privileged.code}\n    path: compose.yaml\n    reason: a test\n`);
    client = new Client(spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] }));
    await start(client);
    const now = await open(client);
    assert.ok(!now.some((d) => d.code === privileged.code), JSON.stringify(now));
    assert.equal(now.length, before.length - before.filter((d) => d.code === privileged.code).length);
    await client.request('shutdown', null);
    client.notify('exit', null);
    assert.equal(await client.exited, 0);
  });
});
