import { customsAgreement } from '../agreements/customs.ts';
import { hubAgreement } from '../agreements/hub.ts';
import { policeAgreement } from '../agreements/police.ts';
import { probationAgreement } from '../agreements/probation.ts';
import type { Agreement } from './rule.ts';

/** Every agreement in force, one per data owner. */
export const agreements: readonly Agreement[] = [policeAgreement, customsAgreement, probationAgreement, hubAgreement];
