import type { Agency } from '@tessera/policies';
import type { RequestIdentity } from '@tessera/runtime';

const placeholder = Symbol('no record of this person');

/** What an owner answers a partner for a person it holds nothing on: a profile with nothing in it. */
export interface EmptyProfile {
  readonly nationalId: string;
  readonly [placeholder]: true;
}

/**
 * An agency's profile of a person, as the caller may learn of it. A partner gets one shape for "nothing
 * you may see", whether the owner knows nothing of the person or knows them only through records this
 * partner may not see: a profile whose lists are empty. Otherwise `null` against `{ markers: [] }` would
 * tell the partner that the owner knows the person. The owner's own staff get `null` for "not known".
 */
export function profileFor<Row extends object>(
  owner: Agency,
  nationalId: string,
  row: Row | null | undefined,
  caller: RequestIdentity,
): Row | EmptyProfile | null {
  if (row) return row;
  return caller.principal.agency === owner ? null : { nationalId, [placeholder]: true };
}

/** An empty profile stands for no record: it is never logged as a release. */
export function isEmptyProfile(value: unknown): value is EmptyProfile {
  return typeof value === 'object' && value !== null && placeholder in value;
}
