import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { committedSupergraphFile } from '@tessera/gateway';
import { composeSupergraph } from '@tessera/hub';

test('the committed supergraph is what the subgraphs compose to (run `pnpm compose` after a schema change)', async () => {
  expect(await readFile(committedSupergraphFile, 'utf8')).toBe(composeSupergraph());
});
