/**
 * Orders the rows of one batched query as DataLoader wants them: one entry per requested key, in the
 * order of the keys, empty where a key matched nothing.
 */
export function groupRows<Row, Key>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key): Row[][] {
  const byKey = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/** Like groupRows, for keys that match at most one row. */
export function indexRows<Row, Key>(
  keys: readonly Key[],
  rows: readonly Row[],
  keyOf: (row: Row) => Key,
): (Row | null)[] {
  const byKey = new Map<Key, Row>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** The key of a row about a person, for loaders batched by national identifier. */
export const nationalIdOf = (row: { readonly nationalId: string }): string => row.nationalId;
