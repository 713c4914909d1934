import { fileURLToPath } from 'node:url';

/** Documents generated from code and committed; a test fails when one is stale. */
export const errorsDocument = fileURLToPath(new URL('../../docs/errors.md', import.meta.url));
export const agreementsDocument = fileURLToPath(new URL('../../docs/agreements.md', import.meta.url));
