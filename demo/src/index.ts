export { createRandom } from './random.ts';
export type { Random } from './random.ts';
export {
  population,
  citizenOf,
  nationalIdOf,
  demoSubjectIndex,
  pad,
  seedReferenceTime,
  daysBeforeReference,
  isoDateAfter,
} from './population.ts';
export type { Citizen } from './population.ts';
export { ensureDevIdentityProvider, issueToken, devIssuerOf, hubAudience } from './devIdentityProvider.ts';
export type { DevIdentityProvider, DevIssuer, TokenRequest } from './devIdentityProvider.ts';
export { tesseraFolder, devIdpFolder } from './tesseraFolder.ts';
