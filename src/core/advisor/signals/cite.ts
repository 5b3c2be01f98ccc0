// The signal records cite through the same short names as the knowledge records.
export { BB, DIFF, MS, S24, UNIT } from '../../knowledge/cite';
