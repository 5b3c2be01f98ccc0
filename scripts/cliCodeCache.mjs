// The CLI bundle with V8's code cache: turns dist/cli.js (one CommonJS bundle) into the same bundle
// behind a small loader, so that a run compiles only what the previous run of the same bundle did
// not leave in the cache. Node 20 has no module.enableCompileCache (Node 22.1+), so the loader does
// what it does: compiles the bundle with vm.Script and V8's cachedData.
//
// The file keeps its shebang on line 1; the bundle follows as one block comment (`/*` on line 2 to
// `*/` at the end of its last line, every `*/` inside it written as `*%/`), so that loading the file
// parses no bundle code; the loader on the last line reads the file as bytes, takes the bundle out
// of the comment and compiles it with the cache. A bundle line keeps its line number, so stack
// traces and the source map still point at the right line. An ASCII bundle (esbuild's default) is
// read as Latin-1, which for ASCII is the same text and much cheaper to decode than UTF-8.
//
// The cache (see the loader below, and docs/performance.md):
// - lives in the user's cache folder ($XDG_CACHE_HOME/container-or-vm, else ~/.cache/container-or-vm;
//   ~/Library/Caches/container-or-vm on macOS; %LOCALAPPDATA%\container-or-vm\Cache on Windows),
//   never in or under the scanned folder; CONTAINER_OR_VM_NO_CODE_CACHE=1 turns it off;
// - is one file per bundle, named by a hash of the file's bytes, Node's version and the
//   architecture, written once (at the exit of the first run of a bundle) and only read afterwards;
// - is used only from a folder and file that the user owns and nobody else can write (POSIX);
// - is ignored on any error: a missing, unreadable, foreign or rejected cache means a plain compile.
//   Deleting the folder is always safe.
import { readFileSync, writeFileSync } from 'node:fs';

// How the end of a block comment inside the bundle is written in its comment (a bundle that already
// holds this text is left as it is).
const ESCAPE = '*%/';

/**
 * The loader, as one line of plain JavaScript (it runs on every Node the CLI supports, with no
 * bundling). `module`, `require`, `__filename` and `__dirname` are the CommonJS ones of dist/cli.js.
 */
const LOADER = `;(function () {
  var fs = require('fs'), path = require('path'), vm = require('vm'), os = require('os'), crypto = require('crypto');
  var bytes = fs.readFileSync(__filename), self = bytes.toString(ENCODING);
  var start = self.indexOf('\\n') + 3, end = self.lastIndexOf('\\n', self.length - 2) - 2;
  var body = self.slice(start, end).split(ESCAPE).join('*' + '/');
  var source = '(function (exports, require, module, __filename, __dirname) {\\n' + body + '\\n})';
  var script, file, dir;
  function owned(p) {
    if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
    var s = fs.lstatSync(p);
    return s.uid === process.getuid() && (s.mode & 18) === 0 && !s.isSymbolicLink();
  }
  try {
    if (process.env.CONTAINER_OR_VM_NO_CODE_CACHE) throw 0;
    var env = process.env, base;
    if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) base = env.XDG_CACHE_HOME;
    else if (process.platform === 'win32') base = env.LOCALAPPDATA;
    else if (process.platform === 'darwin') base = path.join(os.homedir(), 'Library', 'Caches');
    else base = path.join(os.homedir(), '.cache');
    if (!base) throw 0;
    dir = process.platform === 'win32' ? path.join(base, 'container-or-vm', 'Cache') : path.join(base, 'container-or-vm');
    var key = crypto.createHash('sha256').update(process.version + ' ' + process.arch + ' ' + process.versions.v8 + '\\n').update(bytes).digest('hex').slice(0, 32);
    file = path.join(dir, 'cli-' + key + '.bin');
    var cached;
    try {
      if (owned(dir) && owned(file)) cached = fs.readFileSync(file);
    } catch (e) {}
    script = new vm.Script(source, { filename: __filename, cachedData: cached });
    if (!cached || script.cachedDataRejected) {
      process.once('exit', function () {
        try {
          fs.mkdirSync(dir, { recursive: true, mode: 448 });
          if (!owned(dir)) return;
          var tmp = file + '.' + process.pid + '.tmp';
          fs.writeFileSync(tmp, script.createCachedData(), { mode: 384 });
          fs.renameSync(tmp, file);
          var now = Date.now();
          fs.readdirSync(dir).forEach(function (n) {
            var p = path.join(dir, n);
            if (p !== file && /^cli-[0-9a-f]+\\.bin$/.test(n) && now - fs.statSync(p).mtimeMs > 7 * 864e5) fs.unlinkSync(p);
          });
        } catch (e) {}
      });
    }
  } catch (e) {
    script = undefined;
  }
  if (!script) script = new vm.Script(source, { filename: __filename });
  script.runInThisContext().call(module.exports, module.exports, require, module, __filename, __dirname);
})();
`.replace(/\n\s*/g, ' ');

/** Rewrites a CommonJS bundle (shebang on line 1) into its comment and the loader; false, and the file left as it is, when it cannot be. */
export function addCodeCacheLoader(file) {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const nl = text.indexOf('\n');
  if (!text.startsWith('#!') || nl < 0) return false;
  const body = text.slice(nl + 1).replace(/\n$/, '');
  if (body.includes(ESCAPE)) return false;
  const ascii = !bytes.some((b) => b > 0x7f);
  const loader = LOADER.replace('ENCODING', JSON.stringify(ascii ? 'latin1' : 'utf8')).replace('ESCAPE', JSON.stringify(ESCAPE));
  writeFileSync(file, `${text.slice(0, nl + 1)}/*${body.split('*/').join(ESCAPE)}*/\n${loader}\n`);
  return true;
}
