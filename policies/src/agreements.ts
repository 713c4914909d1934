import { customsAgreement } from '../agreements/customs.ts';
import { hubAgreement } from '../agreements/hub.ts';
import { policeAgreement } from '../agreements/police.ts';
import { probationAgreement } from '../agreements/probation.ts';
import type { Agreement } from './rule.ts';

/** Every agreement in force, one per data owner. */
export const agreements: readonly Agreement[] = [policeAgreement, customsAgreement, probationAgreement, hubAgreement];

/** A data owner's agreement, by the owner's name. */
export function agreementOf(owner: string): Agreement | undefined {
  return agreements.find((agreement) => agreement.owner === owner);
}

/** The agreement of the owner whose staff an agency's people are (none for the hub's oversight). */
export function agreementOfAgency(agency: string): Agreement | undefined {
  return agreements.find((agreement) => agreement.ownerAgency === agency);
}
