// The signal catalogue: every piece of evidence the advisor can find, as data records, one file per group.
import type { Signal } from '../types';
import { CLOUD_NATIVE } from './cloud-native';
import { DESKTOP } from './desktop';
import { EXISTING } from './existing';
import { HARDENING } from './hardening';
import { HARDWARE } from './hardware';
import { KERNEL } from './kernel';
import { LICENSING } from './licensing';
import { PLATFORM } from './platform';
import { SANDBOXING } from './sandboxing';
import { STATE_NETWORK } from './state-network';
import { WINDOWS } from './windows';

export const SIGNALS: Signal[] = [
  ...EXISTING,
  ...PLATFORM,
  ...KERNEL,
  ...WINDOWS,
  ...DESKTOP,
  ...SANDBOXING,
  ...HARDENING,
  ...HARDWARE,
  ...STATE_NETWORK,
  ...LICENSING,
  ...CLOUD_NATIVE,
];

const byId = new Map<string, Signal>();

/** The catalogue record for a signal id, or undefined for an id the catalogue does not know. */
export function signalById(id: string): Signal | undefined {
  if (byId.size !== SIGNALS.length) {
    byId.clear();
    for (const s of SIGNALS) byId.set(s.id, s);
  }
  return byId.get(id);
}
