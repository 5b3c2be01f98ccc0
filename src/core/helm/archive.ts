// A packaged Helm chart (`charts/postgresql-13.2.24.tgz`, as `helm dependency update` leaves it): a
// gzip-compressed tar whose entries sit under one folder named after the chart (`postgresql/Chart.yaml`,
// `postgresql/templates/…`, `postgresql/charts/common/…`). Read without Node's own modules, so that the
// editor, the web and the CLI share it: the platform's DecompressionStream inflates it, and the tar is
// read here (POSIX ustar with the PAX and GNU long-name records Go's archive/tar writes).

/** What an archive holds: its regular files by path, as text. */
export type ChartArchive = { files: Map<string, string> } | { error: string };

const BLOCK = 512;

/** Inflates gzip bytes, stopping with an error once more than `maxBytes` come out (a decompression bomb). */
async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array | string> {
  if (typeof DecompressionStream !== 'function') return 'this platform cannot inflate gzip';
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return 'not a gzip file';
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        return `it holds more than ${Math.round(maxBytes / 1024 / 1024)} MB once unpacked`;
      }
      chunks.push(value);
    }
  } catch (e) {
    return `the gzip data is damaged (${e instanceof Error ? e.message : String(e)})`;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const latin = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** A NUL-terminated header field. */
function field(h: Uint8Array, start: number, length: number): string {
  const end = h.indexOf(0, start);
  return utf8.decode(h.subarray(start, end < 0 || end > start + length ? start + length : end));
}

/** A numeric header field: octal text, or base-256 when the high bit of its first byte is set. */
function number(h: Uint8Array, start: number, length: number): number {
  if (h[start] & 0x80) {
    let n = h[start] & 0x7f;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + h[i];
    return n;
  }
  const text = latin.decode(h.subarray(start, start + length)).replace(/[\0 ]+$/g, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** The `path` record of a PAX extended header (`<len> path=<value>\n` records). */
function paxPath(data: Uint8Array): string | undefined {
  const text = utf8.decode(data);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    const len = Number(text.slice(at, space));
    if (space < 0 || !Number.isInteger(len) || len <= 0) return undefined;
    const record = text.slice(space + 1, at + len - 1);
    if (record.startsWith('path=')) return record.slice(5);
    at += len;
  }
  return undefined;
}

/** The regular files of a tar, by path. */
function untar(tar: Uint8Array): Map<string, Uint8Array> | string {
  const files = new Map<string, Uint8Array>();
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = number(h, 124, 12);
    if (!Number.isFinite(size) || size < 0 || at + BLOCK + size > tar.length) return 'the tar data ends inside an entry';
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    const type = String.fromCharCode(h[156] || 0x30);
    const prefix = latin.decode(h.subarray(257, 262)) === 'ustar' ? field(h, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    if (type === 'x') longName = paxPath(data) ?? longName;
    else if (type === 'L') longName = field(data, 0, data.length);
    else {
      longName = undefined;
      if (type === '0' || type === '7') files.set(name.replace(/^\.\//, ''), data);
    }
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

/**
 * The files of a packaged chart with the chart's own folder taken off their paths (`Chart.yaml`,
 * `templates/deployment.yaml`, `charts/common/…`), decoded as UTF-8; at most `maxBytes` unpacked.
 */
export async function readChartArchive(bytes: Uint8Array, maxBytes: number): Promise<ChartArchive> {
  const tar = await gunzip(bytes, maxBytes);
  if (typeof tar === 'string') return { error: tar };
  const entries = untar(tar);
  if (typeof entries === 'string') return { error: entries };
  const tops = new Set([...entries.keys()].map((p) => p.split('/')[0]));
  if (tops.size !== 1) return { error: 'it is not one chart folder' };
  const top = [...tops][0];
  const files = new Map<string, string>();
  for (const [path, data] of entries) {
    const rest = path.slice(top.length + 1);
    // Paths that leave the chart's folder are no part of it.
    if (rest === '' || rest.split('/').some((s) => s === '..' || s === '')) continue;
    if (data.indexOf(0) >= 0) continue;
    files.set(rest, utf8.decode(data));
  }
  if (!files.has('Chart.yaml')) return { error: 'it has no Chart.yaml' };
  return { files };
}
