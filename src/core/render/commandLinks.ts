// Markdown for readers outside VS Code (a terminal, another editor's language client): `command:`
// links, which only VS Code can follow, become plain text. The CLI's explain and the language server use it.

/** A Markdown link to a `command:` URI (what only the editor can follow): its text, its URI and its title if any. */
const COMMAND_LINK = /\[((?:[^\]\\]|\\.)*)\]\(command:[^\s)]*(?:\s+"((?:[^"\\]|\\.)*)")?\)/g;

/**
 * The hover's Markdown as a terminal prints it: no `command:` links, which only the editor can
 * follow. A link alone on its line (the comparison's) becomes the command that prints the
 * comparison; a link inside a line (a source) keeps its text and, when it has one, its title.
 */
export function terminalMarkdown(markdown: string): string {
  const lines = markdown.split('\n').map((line) => {
    COMMAND_LINK.lastIndex = 0;
    const whole = /^\[((?:[^\]\\]|\\.)*)\]\(command:[^\s)]*(?:\s+"(?:[^"\\]|\\.)*")?\)$/.exec(line.trim());
    if (whole) return `${whole[1]}: run \`container-or-vm compare\`.`;
    return line.replace(COMMAND_LINK, (_m, text: string, title?: string) => (title ? `${text} (${title.replace(/\\(.)/g, '$1')})` : text));
  });
  return lines.join('\n');
}
