// What a workload runs, read as tokens rather than as text: the components of an image name, the
// programs a command line starts, the packages it installs. A rule about what a workload *is* (a
// judge, a notebook server, a CI runner, a hypervisor) is matched against these, never against the
// raw text: a path such as `/srv/jupyterhub` in a `chown` says nothing about what runs.

/**
 * An image reference reduced to `org/name:tag`, lower case: the registry host dropped
 * (`quay.io/jupyter/base-notebook` -> `jupyter/base-notebook`), a digest dropped, a variable with a
 * default read as its default (`${PREFIX:-openwhisk}/controller` -> `openwhisk/controller`).
 */
export function imageName(ref: string): { name: string; tag: string; full: string } {
  let r = ref.trim().replace(/\$\{\w+:?-([^}]*)\}/g, '$1').replace(/\$\{\w+\}|\$\w+/g, '');
  r = r.replace(/@sha256:[0-9a-f]+$/i, '').toLowerCase();
  const parts = r.split('/').filter((p) => p !== '');
  let tag = '';
  if (parts.length) {
    const last = parts[parts.length - 1];
    const colon = last.indexOf(':');
    if (colon >= 0) {
      tag = last.slice(colon + 1);
      parts[parts.length - 1] = last.slice(0, colon);
    }
  }
  // A first component with a dot or a port, or `localhost`, is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  if (parts.length > 1 && parts[0] === 'library') parts.shift();
  const name = parts.join('/');
  return { name, tag, full: tag ? `${name}:${tag}` : name };
}

/** What a command line starts and installs. */
export interface CommandTokens {
  /** Each simple command as `program subcommand` (program as its base name; subcommand the first non-flag word, or ''). */
  programs: string[];
  /** Packages named after an install verb of a package manager (versions and extras taken off). */
  packages: string[];
}

/** Words that run the next word: the program that matters comes after them. */
const WRAPPERS = new Set(['sudo', 'exec', 'env', 'nohup', 'tini', 'dumb-init', 'catatonit', 'time', 'nice', 'ionice', 'setsid', 'stdbuf', 'command', 'xvfb-run']);
/** Wrappers that take one argument (a user) before the program. */
const WRAPPERS_WITH_USER = new Set(['gosu', 'su-exec', 's6-setuidgid', 'chpst', 'runuser', 'setpriv']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper', 'apk', 'pip', 'pip3', 'pipx', 'uv', 'conda', 'mamba', 'micromamba', 'npm', 'pnpm', 'yarn', 'gem', 'brew', 'port']);
const INSTALL_VERBS = new Set(['install', 'add', 'i']);

const basename = (w: string) => w.slice(w.lastIndexOf('/') + 1);

/** The words of a command line, a JSON exec form read as its items; quotes taken off. */
function words(text: string): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  // Separators between simple commands end one; `sh -c "…"` is read as the commands inside.
  const pieces = text.replace(/\\\r?\n/g, ' ').split(/(\s*(?:&&|\|\||;|\||\n|\(|\)|`|\$\()\s*)/);
  for (const piece of pieces) {
    if (/^\s*(?:&&|\|\||;|\||\n|\(|\)|`|\$\()\s*$/.test(piece)) {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    for (const raw of piece.split(/[\s,]+/)) {
      const w = raw.replace(/^[\["']+|[\]"']+$/g, '');
      if (w !== '') cur.push(w);
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

export function commandTokens(text: string): CommandTokens {
  const programs: string[] = [];
  const packages: string[] = [];
  const queue = words(text);
  while (queue.length) {
    const cmd = queue.shift()!;
    let i = 0;
    // Leading variable assignments and wrappers.
    for (;;) {
      const w = cmd[i];
      if (w === undefined) break;
      if (/^\w+=/.test(w)) i++;
      else if (WRAPPERS.has(basename(w))) {
        i++;
        while (cmd[i]?.startsWith('-')) i++;
      } else if (WRAPPERS_WITH_USER.has(basename(w))) {
        i++;
        while (cmd[i]?.startsWith('-')) i++;
        i++;
      } else if (w === '--') i++;
      else break;
    }
    const program = cmd[i];
    if (program === undefined) continue;
    const name = basename(program);
    const rest = cmd.slice(i + 1);
    if (SHELLS.has(name) && rest.includes('-c')) {
      // `sh -c 'a && b'`: the words after -c are commands of their own.
      queue.unshift(...words(rest.slice(rest.indexOf('-c') + 1).join(' ')));
      continue;
    }
    if (name === 'java' && rest.includes('-jar')) {
      const jar = rest[rest.indexOf('-jar') + 1];
      if (jar) programs.push(basename(jar));
      continue;
    }
    if (/^python[\d.]*$/.test(name) && rest[0] === '-m' && rest[1]) {
      // `python -m pip install x` is pip; `python -m jupyterhub` is jupyterhub.
      queue.unshift([rest[1], ...rest.slice(2)]);
      continue;
    }
    const sub = rest.find((w) => !w.startsWith('-')) ?? '';
    programs.push(sub ? `${name} ${sub}` : name);
    if (PACKAGE_MANAGERS.has(name)) {
      const at = rest.findIndex((w) => INSTALL_VERBS.has(w));
      if (at >= 0) {
        for (const w of rest.slice(at + 1)) {
          if (w.startsWith('-') || w.startsWith('/') || w.startsWith('.') || w.includes('://')) continue;
          const pkg = w.replace(/\[.*$/, '').replace(/(==|>=|<=|~=|!=|=|>|<).*$/, '').replace(/(?<=.)@.*$/, '').toLowerCase();
          if (pkg !== '') packages.push(pkg);
        }
      }
    }
  }
  return { programs, packages };
}
