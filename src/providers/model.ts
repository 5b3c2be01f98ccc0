// The parsed model of an open document, through the shared parse cache (one parse per version).
import * as vscode from 'vscode';
import type { ParseCache } from '../core/cache';
import type { Format, ModelBase, Pos, Range } from '../core/parse/types';

/** Editor languages that fix a document's format whatever its name. */
const LANGUAGE_FORMATS: Record<string, Format> = {
  dockerfile: 'dockerfile',
};

/** The format a document's editor language fixes, if any. */
export function languageFormatOf(doc: vscode.TextDocument): Format | undefined {
  return LANGUAGE_FORMATS[doc.languageId];
}

/** The path a model reports and format detection reads: the file path, or the uri path for unsaved documents. */
export function documentPath(doc: vscode.TextDocument): string {
  return doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path;
}

/** The version of each document last asked for through modelOf, per cache. */
const askedFor = new WeakMap<ParseCache, Map<string, number>>();

/** The model of a document at its current version; parses it (the whole text) on the first request for that version. */
export function modelOf(cache: ParseCache, doc: vscode.TextDocument): ModelBase | null {
  const uri = doc.uri.toString();
  let versions = askedFor.get(cache);
  if (!versions) askedFor.set(cache, (versions = new Map()));
  versions.set(uri, doc.version);
  return cache.get(uri, doc.version, documentPath(doc), () => doc.getText(), languageFormatOf(doc));
}

/**
 * Whether the document's current version has been asked for already, so modelOf will not parse it
 * (unless the cache has since let it go, after 64 other documents). Requests VS Code makes on its own
 * while the user types (the light bulb after each cursor move) check this instead of parsing: a large
 * file takes the yaml library about half a second a megabyte, and the debounced diagnostics parse the
 * new version anyway once typing pauses.
 */
export function isParsed(cache: ParseCache, doc: vscode.TextDocument): boolean {
  return askedFor.get(cache)?.get(doc.uri.toString()) === doc.version;
}

/** Drops a document's model when it is closed. */
export function forgetClosedDocuments(cache: ParseCache): vscode.Disposable {
  return vscode.workspace.onDidCloseTextDocument((doc) => {
    cache.delete(doc.uri.toString());
    askedFor.get(cache)?.delete(doc.uri.toString());
  });
}

export const toPos = (p: vscode.Position): Pos => ({ line: p.line, character: p.character });

export const toRange = (r: Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
