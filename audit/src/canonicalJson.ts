/** Deeper than any audit entry; a value nested further is not an entry but an attack on the writer. */
const maxDepth = 32;

/**
 * JSON with object keys sorted at every level: the text of an audit entry, so that the same entry
 * always hashes the same, whoever writes or verifies it. Every string is made storable on the way: a
 * NUL or a lone surrogate (which PostgreSQL refuses in text and jsonb) becomes U+FFFD, so whatever a
 * client sent, its record can be written; the exact text survives as the hash the entry carries.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, 0));
}

/** A string PostgreSQL stores as it is: no NUL, no lone surrogate. */
export function storableText(text: string): string {
  // Nearly every text is storable already: one cheap scan finds out, the exact replacement runs on the rest.
  return suspect.test(text) ? text.replace(unstorable, '\uFFFD') : text;
}

const suspect = /[\u0000\uD800-\uDFFF]/;
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function sortKeys(value: unknown, depth: number): unknown {
  if (depth > maxDepth) throw new RangeError(`an audit entry nests deeper than ${maxDepth} levels`);
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [storableText(key), sortKeys((value as Record<string, unknown>)[key], depth + 1)]),
  );
}
