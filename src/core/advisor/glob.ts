// A small glob matcher for exclude patterns (files.exclude, containerOrVm.exclude, --exclude):
//   **   any number of path segments, zero included    *  any characters but '/'
//   ?    one character but '/'                          {a,b}  either alternative (may nest)
//   [abc] [a-z] [!abc]  one character from (or not from) a set
// A pattern without a '/' matches an entry's name at any depth (`*.log`, `node_modules`), like
// .gitignore; a pattern with one matches the path from the scanned folder (`deploy/**/*.yaml`).
// compileFolderGlob matches as VS Code matches `files.exclude`: every pattern from the folder, so a
// name alone (`node_modules`) is only the folder's own entry and `**/node_modules` is any depth.

export type PathMatcher = (relPath: string) => boolean;

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? '\\' + ch : ch;
}

/** The regular-expression source of a glob (anchored by the caller). */
export function globSource(glob: string): string {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        if (atSegStart && next === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else if (atSegStart && next === undefined) {
          re += '.*';
          i += 1;
        } else {
          re += '[^/]*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      depth++;
      re += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (ch === ',' && depth > 0) re += '|';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, (c) => '\\' + c)}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < glob.length) re += escapeRe(glob[++i]);
    else re += escapeRe(ch);
  }
  while (depth-- > 0) re += ')';
  return re;
}

/** One glob as a matcher of relative paths ('a/b/c', no leading slash). */
export function compileGlob(glob: string): PathMatcher {
  return compile(glob, true);
}

/** One glob as VS Code matches a `files.exclude` pattern: always from the folder, a name alone included. */
export function compileFolderGlob(glob: string): PathMatcher {
  return compile(glob, false);
}

function compile(glob: string, nameAnywhere: boolean): PathMatcher {
  let g = glob.trim().replace(/\\(?![{}[\]*?,])/g, '/');
  g = g.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (g === '') return () => false;
  // `dir/**` also names the folder itself, so the walk can skip it whole.
  const re = g.endsWith('/**') ? new RegExp(`^${globSource(g.slice(0, -3))}(?:/.*)?$`) : new RegExp(`^${globSource(g)}$`);
  if (nameAnywhere && !g.includes('/')) {
    // Name-only pattern: matched against the last segment of the path.
    return (rel) => re.test(rel.slice(rel.lastIndexOf('/') + 1));
  }
  return (rel) => re.test(rel);
}

/** Many globs as one matcher: true when any matches. */
export function compileGlobs(globs: readonly string[]): PathMatcher {
  const ms = globs.filter((g) => g.trim() !== '').map(compileGlob);
  if (ms.length === 0) return () => false;
  return (rel) => ms.some((m) => m(rel));
}
