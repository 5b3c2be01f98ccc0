// The parsed model of an open document, through the shared parse cache (one parse per version).
import * as vscode from 'vscode';
import type { ParseCache } from '../core/cache';
import type { Format, ModelBase, Pos, Range } from '../core/parse/types';

/** Editor languages that fix a document's format whatever its name. */
const LANGUAGE_FORMATS: Record<string, Format> = {
  dockerfile: 'dockerfile',
};

/** The path a model reports and format detection reads: the file path, or the uri path for unsaved documents. */
export function documentPath(doc: vscode.TextDocument): string {
  return doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path;
}

export function modelOf(cache: ParseCache, doc: vscode.TextDocument): ModelBase | null {
  return cache.get(doc.uri.toString(), doc.version, documentPath(doc), () => doc.getText(), LANGUAGE_FORMATS[doc.languageId]);
}

/** Drops a document's model when it is closed. */
export function forgetClosedDocuments(cache: ParseCache): vscode.Disposable {
  return vscode.workspace.onDidCloseTextDocument((doc) => cache.delete(doc.uri.toString()));
}

export const toPos = (p: vscode.Position): Pos => ({ line: p.line, character: p.character });

export const toRange = (r: Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
