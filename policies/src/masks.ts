/**
 * Reduced values for fields a rule releases only in part. Each mask keeps the type of the value, so a
 * masked field reads like the real one, and none can be reversed.
 */
export const masks = {
  /** A date (YYYY-MM-DD) to its year. */
  'year-only': (value: unknown) => (typeof value === 'string' ? value.slice(0, 4) : null),
  /** A latitude or longitude to two decimals: about a kilometre, the district and not the address. */
  'coarse-coordinate': (value: unknown) => (typeof value === 'number' ? Math.round(value * 100) / 100 : null),
  /** A document number to its last three characters. */
  'last-three': (value: unknown) => (typeof value === 'string' ? `***${value.slice(-3)}` : null),
} as const satisfies Record<string, (value: unknown) => unknown>;

export type MaskName = keyof typeof masks;

export function applyMask(name: MaskName, value: unknown): unknown {
  return value === null || value === undefined ? value : masks[name](value);
}
