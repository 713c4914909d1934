/** Deeper than any audit entry; a value nested further is not an entry but an attack on the writer. */
const maxDepth = 32;

/**
 * JSON with object keys sorted at every level: the text of an audit entry, so that the same entry
 * always hashes the same, whoever writes or verifies it. Every string is made storable on the way: a
 * NUL or a lone surrogate (which PostgreSQL refuses in text and jsonb) becomes U+FFFD, so whatever a
 * client sent, its record can be written; the exact text survives as the hash the entry carries.
 */
export function canonicalJson(value: unknown): string {
  // Nearly every entry is storable as it is: sorted and serialised once, then one scan of the text finds
  // what JSON.stringify escapes from a NUL or a lone surrogate (and, rarely, an escaped backslash before
  // such letters); only then is the entry rebuilt with each string made storable.
  const text = JSON.stringify(sortedKeys(value, 0));
  return escapedUnstorable.test(text) ? JSON.stringify(storableCopy(value, 0)) : text;
}

/** A string PostgreSQL stores as it is: no NUL, no lone surrogate. */
export function storableText(text: string): string {
  // Nearly every text is storable already: one cheap scan finds out, the exact replacement runs on the rest.
  return suspect.test(text) ? text.replace(unstorable, '\uFFFD') : text;
}

const suspect = /[\u0000\uD800-\uDFFF]/;
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** How JSON.stringify writes a NUL and a lone surrogate. */
const escapedUnstorable = /\\u0000|\\ud[89a-f]/i;

function checkDepth(depth: number): void {
  if (depth > maxDepth) throw new RangeError(`an audit entry nests deeper than ${maxDepth} levels`);
}

function sortedKeys(value: unknown, depth: number): unknown {
  checkDepth(depth);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => sortedKeys(item, depth + 1));
  // No prototype, so that a key named __proto__ is a key like any other.
  const sorted = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value).sort())
    sorted[key] = sortedKeys((value as Record<string, unknown>)[key], depth + 1);
  return sorted;
}

function storableCopy(value: unknown, depth: number): unknown {
  checkDepth(depth);
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map((item) => storableCopy(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [storableText(key), storableCopy((value as Record<string, unknown>)[key], depth + 1)]),
  );
}
