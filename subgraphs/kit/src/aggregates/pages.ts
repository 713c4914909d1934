/** How many rows a page of a full read holds: enough to be quick, few enough to keep memory flat. */
const pageSize = 50_000;

/**
 * Reads a whole table a page at a time, in the order of a unique text key, so that a million rows are
 * never in memory at once: `page(after, size)` returns the rows after a key (all from the empty one).
 */
export async function* inPages<Row extends { readonly key: string }>(
  page: (after: string, size: number) => Promise<readonly Row[]>,
): AsyncGenerator<Row> {
  for (let after = ''; ;) {
    const rows = await page(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.key;
  }
}
