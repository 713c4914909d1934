import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { renderAgreements, renderErrorCodes } from '@tessera/policies';
import { agreementsDocument, errorsDocument, renderContracts } from '@tessera/hub';

test('docs/errors.md lists the registry as it is (run `pnpm docs:errors` after changing a code)', async () => {
  expect(await readFile(errorsDocument, 'utf8')).toBe(renderErrorCodes());
});

test('docs/agreements.md renders the agreements as they are (run `pnpm policies:docs` after changing one)', async () => {
  expect(await readFile(agreementsDocument, 'utf8')).toBe(renderAgreements());
});

test("docs/contracts/ holds each agency's contract as the agreements make it (run `pnpm contracts`)", async () => {
  for (const { file, text } of renderContracts()) expect(await readFile(file, 'utf8'), file).toBe(text);
});
