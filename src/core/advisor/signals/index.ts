// The signal catalogue: every piece of evidence the advisor can find, as data records.
import type { Signal } from '../types';

export const SIGNALS: Signal[] = [];

const byId = new Map<string, Signal>();

/** The catalogue record for a signal id, or undefined for an id the catalogue does not know. */
export function signalById(id: string): Signal | undefined {
  if (byId.size !== SIGNALS.length) {
    byId.clear();
    for (const s of SIGNALS) byId.set(s.id, s);
  }
  return byId.get(id);
}
