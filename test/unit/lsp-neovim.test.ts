// The language server under a real LSP client: Neovim's built-in one, run headless. Skipped (with the
// reason printed) where no `nvim` is installed; scripts/setup-vscode.sh installs it on Debian.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const CLI = join(REPO, 'dist', 'cli.js');

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));

/** Lua string literal. */
const lua = (s: string) => JSON.stringify(s);

/**
 * Starts the server for the workspace (vim.lsp.start on Neovim 0.8 and later; start_client and
 * buf_attach_client before), opens each file, waits for the client to attach and the diagnostics to
 * arrive, asks for the hover at the first line, and writes what it got to `out` as JSON.
 */
function initLua(dir: string, files: string[], out: string): string {
  return `
local results = {}
local cmd = { 'node', ${lua(CLI)}, 'lsp', '--stdio' }
local function start(buf)
  if vim.lsp.start then
    return vim.lsp.start({ name = 'container-or-vm', cmd = cmd, root_dir = ${lua(dir)} }, { bufnr = buf })
  end
  _G.cvm_client = _G.cvm_client or vim.lsp.start_client({ name = 'container-or-vm', cmd = cmd, root_dir = ${lua(dir)} })
  vim.lsp.buf_attach_client(buf, _G.cvm_client)
  return _G.cvm_client
end
local ok, err = pcall(function()
  for _, name in ipairs(${`{ ${files.map(lua).join(', ')} }`}) do
    vim.cmd('edit ' .. vim.fn.fnameescape(${lua(dir)} .. '/' .. name))
    local buf = vim.api.nvim_get_current_buf()
    local id = start(buf)
    local attached = vim.wait(15000, function()
      local c = vim.lsp.get_client_by_id(id)
      return c ~= nil and c.initialized and #vim.diagnostic.get(buf) > 0
    end, 20)
    local entry = { file = name, attached = attached, diagnostics = {}, hover = '' }
    for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(entry.diagnostics, d.message) end
    local replies = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = 0, character = 0 } }, 15000) or {}
    for _, r in pairs(replies) do
      if r.result and r.result.contents then entry.hover = r.result.contents.value or '' end
    end
    table.insert(results, entry)
  end
end)
if not ok then results = { error = tostring(err) } end
local f = io.open(${lua(out)}, 'w')
f:write(vim.json.encode(results))
f:close()
vim.cmd('qall!')
`;
}

describe('language server in Neovim (headless)', function () {
  let dir: string;

  before(function () {
    if (!onPath('nvim')) {
      console.log('    (skipped: no nvim on PATH; scripts/setup-vscode.sh installs Debian\'s neovim)');
      this.skip();
    }
    if (!existsSync(CLI)) {
      const r = spawnSync(process.execPath, ['esbuild.mjs', '--cli'], { cwd: REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    dir = mkdtempSync(join(tmpdir(), 'cvm-nvim-'));
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the hover explain prints and the root and privileged findings', function () {
    writeFileSync(join(dir, 'Dockerfile'), 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nCMD ["bash"]\n');
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  app:\n    image: nginx:1.27\n    privileged: true\n');
    const init = join(dir, 'init.lua');
    const out = join(dir, 'out.json');
    writeFileSync(init, initLua(dir, ['Dockerfile', 'compose.yaml'], out));
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', init], { cwd: dir, encoding: 'utf8', timeout: 120000, env: { ...process.env, HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir } });
    assert.ok(existsSync(out), `nvim wrote no results (status ${r.status}): ${r.stderr}${r.stdout}`);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    assert.ok(Array.isArray(results), JSON.stringify(results));
    const [docker, compose] = results as { file: string; attached: boolean; diagnostics: string[]; hover: string }[];

    assert.equal(docker.attached, true, 'the client attached and got diagnostics for the Dockerfile');
    const explained = spawnSync(process.execPath, [CLI, 'explain', `${join(dir, 'Dockerfile')}:1`], { encoding: 'utf8' });
    assert.equal(docker.hover.trimEnd(), explained.stdout.trimEnd());
    assert.match(docker.hover, /\bVMs?\b/);
    assert.match(docker.hover, /container/i);
    assert.ok(docker.diagnostics.some((m) => /root/i.test(m)), JSON.stringify(docker.diagnostics));

    assert.equal(compose.attached, true, 'the client attached and got diagnostics for compose.yaml');
    assert.ok(compose.diagnostics.some((m) => /privileged/i.test(m)), JSON.stringify(compose.diagnostics));
    const composeExplained = spawnSync(process.execPath, [CLI, 'explain', `${join(dir, 'compose.yaml')}:1`], { encoding: 'utf8' });
    assert.equal(compose.hover.trimEnd(), composeExplained.stdout.trimEnd());
  });
});
