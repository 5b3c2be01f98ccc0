// Text bound for a terminal, made inert: what a workspace's names and values hold (escape sequences
// that clear the screen, retitle the window or hide a link, C1 controls some terminals obey, bidi
// overrides that reorder what is shown) is printed as a visible escape rather than obeyed.

/**
 * The characters shown as escapes: C0 controls but tab and LF, DEL, C1 controls (U+0080–U+009F),
 * the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), and the line and paragraph separators (U+2028, U+2029).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const ANY_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const escapeOf = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The text with every character a terminal could act on replaced by its `\uXXXX` escape (ESC is
 * `\u001b`, CR `\u000d`); tab and LF stay. The escape is also JSON's own for the character, so a
 * JSON or SARIF document passed through stays valid and decodes to the same strings (its string
 * values hold these characters only as JSON.stringify left them: raw, after no backslash of theirs).
 * Text with none of them is returned as it is, without a copy.
 */
export function terminalSafe(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, escapeOf) : text;
}

/** Whether the text holds a character terminalSafe would replace. */
export function hasUnsafeControl(text: string): boolean {
  return ANY_UNSAFE.test(text);
}

/** Where a command writes: its report, and its messages. */
export interface TextSink {
  out(text: string): void;
  err(text: string): void;
}

/** An output sink whose every write is made terminal-safe first. */
export function terminalSafeSink(io: TextSink): TextSink {
  return { out: (t) => io.out(terminalSafe(t)), err: (t) => io.err(terminalSafe(t)) };
}
