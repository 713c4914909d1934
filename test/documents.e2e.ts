import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { renderErrorCodes } from '@tessera/policies';
import { errorsDocument } from '../scripts/documents.ts';

test('docs/errors.md lists the registry as it is (run `pnpm docs:errors` after changing a code)', async () => {
  expect(await readFile(errorsDocument, 'utf8')).toBe(renderErrorCodes());
});
