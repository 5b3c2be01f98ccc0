// Shapes of the knowledge base. Everything the extension explains is one of these records, so a hover,
// a CodeLens, the advisor's report, the comparison panel and the CLI all print the same words.

/** The five source documents (see sources.ts). */
export type SourceId =
  | 'ms-containers-vs-vms'
  | 'difference-containers-vms'
  | 'backblaze-vms-vs-containers'
  | 'site24x7-containers-vs-vms'
  | 'ms-learn-containers-vs-vms-unit';

export interface Source {
  id: SourceId;
  /** The document's own title, as cited. */
  title: string;
  /** A short name for the one-line sources of a hover, e.g. `Backblaze`. */
  short: string;
  publisher: string;
  /** Sections worth citing, by their headings in the document. */
  sections: string[];
}

/** A citation: one document and one of its sections. */
export interface Cite {
  doc: SourceId;
  section: string;
}

/** The comparison dimensions the documents compare (see dimensions.ts). */
export type DimensionId =
  | 'virtualization'
  | 'isolation'
  | 'os-kernel'
  | 'guest-compat'
  | 'deployment'
  | 'os-updates'
  | 'storage'
  | 'load-balancing'
  | 'fault-tolerance'
  | 'networking'
  | 'startup'
  | 'density'
  | 'performance'
  | 'portability'
  | 'security';

export interface Dimension {
  id: DimensionId;
  name: string;
  /** What containers offer on this dimension, in our own words. */
  container: string;
  /** What virtual machines offer. */
  vm: string;
  /** What a sandboxed container (gVisor, Kata, Hyper-V isolation) offers. */
  sandboxed: string;
  /** The sources behind the cells. */
  sources: Cite[];
  /** Where the documents disagree or need a caveat, and which one we follow. */
  note?: string;
}

/** An external reference for what a line does (the tool's own documentation), when the five documents do not cover it. */
export interface Reference {
  label: string;
  url: string;
}

/** One explainable thing: an instruction, a flag, a directive, a base-image family, a configuration key. */
export interface Topic {
  /** Stable id, `<format>.<thing>`, e.g. `dockerfile.instruction.USER`, `compose.privileged`. */
  id: string;
  /** What the hover heading shows, e.g. `USER`, `--mount=type=cache`, `privileged`. */
  title: string;
  /** One line. */
  summary: string;
  /** What it does (the generic part that other Docker extensions also show). Markdown. */
  does: string;
  /** What it means for the choice between a container and a virtual machine. Markdown. */
  angle: string;
  dimensions: DimensionId[];
  /** Citations into the five documents backing the angle. At least one. */
  sources: Cite[];
  /** Where the facts about what it does come from. */
  reference?: Reference;
}
