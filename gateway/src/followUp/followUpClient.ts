import { decodeProtectedHeader } from 'jose';
import { agreementOfAgency, codedError, type Principal } from '@tessera/policies';
import { deskOwners } from '../forward/deskClient.ts';

/** The owner a hit's reference was sealed by, from its readable header; a malformed one names nobody. */
export function ownerOfReference(reference: string): string {
  try {
    const owner = decodeProtectedHeader(reference).owner;
    if (typeof owner === 'string' && deskOwners.includes(owner)) return owner;
  } catch {
    // Refused below, in the same words as a reference no owner accepts.
  }
  throw codedError('BAD_USER_INPUT', 'This reference is not valid for you and this purpose, or has expired.', {
    extensions: { argument: 'reference' },
  });
}

/** The owner whose supervisors a principal is, if any. */
export function ownerSupervisedBy(principal: Principal): string | undefined {
  if (!principal.roles.includes('supervisor')) return undefined;
  return agreementOfAgency(principal.agency)?.owner;
}
