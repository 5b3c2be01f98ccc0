// What the features share inside the extension: the parse cache and the output channel.
import * as vscode from 'vscode';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
}
