// Which documents each format's providers attach to. One row per format; the providers themselves
// are format-agnostic and read this table.
import type * as vscode from 'vscode';
import type { Format } from '../core/parse/types';

export const SELECTORS: Partial<Record<Format, vscode.DocumentFilter[]>> = {
  dockerfile: [
    { language: 'dockerfile' },
    { pattern: '**/Dockerfile' },
    { pattern: '**/*.dockerfile' },
    { pattern: '**/Dockerfile.*' },
    { pattern: '**/Containerfile' },
    { pattern: '**/*.containerfile' },
  ],
};

/** Every row, flattened into one selector. */
export function allSelectors(): vscode.DocumentFilter[] {
  return Object.values(SELECTORS).flatMap((rows) => rows ?? []);
}
