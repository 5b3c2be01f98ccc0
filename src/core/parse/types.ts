// The small typed models the parsers return. Positions are 0-based (line, character) like the
// VS Code and LSP APIs; the CLI converts to 1-based at its edge.

export interface Pos {
  line: number;
  character: number;
}

export interface Range {
  start: Pos;
  end: Pos;
}

export type Format =
  | 'dockerfile'
  | 'compose'
  | 'kubernetes'
  | 'devcontainer'
  | 'vagrant'
  | 'packer'
  | 'cloud-init'
  | 'lima'
  | 'bake'
  | 'terraform'
  | 'quadlet';

export interface ParseProblem {
  message: string;
  range: Range;
  /**
   * Set when part of the file (or all of it) was not analysed because of this problem: too large,
   * nested too deep to read, or broken in a way after which the parser drops or misplaces what follows.
   * A finding that is not there may then be in the part that was not read. Absent for warnings after
   * which everything is still read where it stands. Each parser says which of its problems set it.
   */
  incomplete?: true;
}

/** What every parsed file has. */
export interface ModelBase {
  format: Format;
  /** Path as given by the caller (workspace-relative in scans, absolute or as typed in the CLI). */
  file: string;
  problems: ParseProblem[];
}

/**
 * One key (or sequence item) of a structured configuration file: YAML, JSON(C), HCL blocks, Ruby
 * method calls in a Vagrantfile. Every format but the Dockerfile is a tree of these, so hovers and
 * advisor signals match keys by path pattern instead of by format-specific code.
 */
export interface ConfigNode {
  /** The key as written; for a sequence item its index as a string; for an HCL block `type` or `type.label`. */
  key: string;
  /** Keys from the document root down to this node, e.g. ['services', 'web', 'privileged']. */
  path: string[];
  /** The key's text (for a sequence item, the item itself). */
  keyRange: Range;
  /** The whole node, key and value. */
  range: Range;
  /** Scalar value, when the value is a scalar. Strings are unquoted. */
  value?: string | number | boolean | null;
  valueRange?: Range;
  children?: ConfigNode[];
}

export interface ConfigModel extends ModelBase {
  format: Exclude<Format, 'dockerfile'>;
  /** One root per document (multi-document YAML has several); each root's path is []. */
  roots: ConfigNode[];
}
