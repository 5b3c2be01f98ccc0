// Reads a workspace root's `.container-or-vm.yaml` through the scan's read-only file system.
import { joinPath, type ReadOnlyFs } from '../fs';
import { CONFIG_FILE_NAME, parseProjectConfig, type ConfigResult } from './projectConfig';

/** A config file is a few lines; one this large is not one. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

/** The root's config file, validated; undefined when there is none. `shown` names it in errors (default: its file name). */
export async function readProjectConfig(fs: ReadOnlyFs, root: string, shown: string = CONFIG_FILE_NAME): Promise<ConfigResult | undefined> {
  const path = joinPath(root, CONFIG_FILE_NAME);
  let bytes: Uint8Array;
  // Read without a stat first: a scan that trusts a file watcher checks nothing it was not told of.
  try {
    bytes = await fs.readFile(path);
  } catch {
    return undefined;
  }
  if (bytes.length > MAX_CONFIG_SIZE) return { errors: [{ file: shown, line: 1, message: `larger than ${MAX_CONFIG_SIZE / 1024} KB: not read`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] };
  return parseProjectConfig(new TextDecoder('utf-8').decode(bytes), shown);
}
