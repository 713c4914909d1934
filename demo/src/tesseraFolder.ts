import { fileURLToPath } from 'node:url';

/** The demo's private working folder (git-ignored): generated keys, never committed. */
export const tesseraFolder = fileURLToPath(new URL('../../.tessera/', import.meta.url));
export const devIdpFolder = `${tesseraFolder}dev-idp`;
