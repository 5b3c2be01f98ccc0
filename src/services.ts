// What the features share inside the extension: the parse cache and the output channel.
import * as vscode from 'vscode';
import type { AdviceService } from './advisor/adviceService';
import type { ParseCache } from './core/cache';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** Parsed models of open documents, one parse per version. */
  cache: ParseCache;
  /** The advisor's last report (`last()`, `onDidChange`) and its scans. */
  advice: AdviceService;
}
