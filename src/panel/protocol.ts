// The comparison panel's message protocol, both directions. The shapes and the validator live in
// core so they can be unit-tested without the editor; this is the panel's one place to import them.
export type { DimensionMark, DimensionMarks } from '../core/compare';
export type { ExtensionMessage, PanelState, WebviewMessage } from '../core/panelProtocol';
export { MAX_STORED_MARKS, parseDimensionMarks, parsePanelState, parseWebviewMessage, pathsInsideRoots } from '../core/panelProtocol';
