import { emergencyRule } from '../src/emergencyRule.ts';
import { hitCoordinates, hitRule } from '../src/hitRule.ts';
import type { Agreement, Coordinate } from '../src/rule.ts';

/** Everything probation holds on a person. */
const wholeRecord: readonly Coordinate[] = [
  'Person.probation',
  'ProbationProfile.*',
  'SupervisionOrder.*',
  'SupervisionCondition.*',
  'OffenderManager.*',
];

/** The probation service's agreements: its own staff, customs and police. */
export const probationAgreement: Agreement = {
  owner: 'probation',
  ownerAgency: 'probation',
  title: 'Probation Service: disclosure of supervision records',
  owns: [
    ...wholeRecord,
    'Mutation.recordSupervisionOrder',
    'Mutation.setCondition',
    'Mutation.endOrder',
    ...hitCoordinates('probation'),
  ],
  rules: [
    {
      id: 'probation-1',
      summary: 'Probation staff see the service’s own supervision records.',
      legalBasis: 'Offender Management Act 2007 s.14 (disclosure within the probation service).',
      recipients: { byAgency: { probation: ['officer', 'supervisor', 'analyst', 'system'] } },
      purposes: ['offender-management', 'safeguarding', 'threat-to-life'],
      fields: wholeRecord,
      effect: 'allow',
    },
    {
      id: 'probation-1.1',
      summary: 'Offender managers and their supervisors record orders and conditions, and end orders.',
      legalBasis:
        'Offender Management Act 2007 s.14; Criminal Justice Act 2003 s.177 and s.190 (requirements of community orders).',
      recipients: { byAgency: { probation: ['officer', 'supervisor'] } },
      purposes: ['offender-management'],
      fields: ['Mutation.recordSupervisionOrder', 'Mutation.setCondition', 'Mutation.endOrder'],
      effect: 'allow',
    },
    {
      id: 'probation-2',
      summary:
        'Customs officers at the border see orders with a no-foreign-travel condition, that condition, its end date and the offender manager to call.',
      legalBasis:
        'Data Sharing Agreement customs–probation DSA-CPr-2026, clause 2.1 (enforcing travel restrictions); Offender Management Act 2007 s.14.',
      recipients: { byAgency: { customs: ['officer', 'supervisor', 'system'] } },
      purposes: ['border-control'],
      fields: [
        'Person.probation',
        'ProbationProfile.supervisionOrders',
        'SupervisionOrder.id',
        'SupervisionOrder.endDate',
        'SupervisionOrder.conditions',
        'SupervisionOrder.offenderManager',
        'SupervisionCondition.*',
        'OffenderManager.*',
      ],
      effect: 'allow',
      records: { kinds: ['no-foreign-travel'] },
    },
    {
      id: 'probation-3',
      summary:
        'Police officers and investigators see supervision orders, risk levels, conditions and offender managers.',
      legalBasis: 'Data Sharing Agreement police–probation DSA-PP-2026, clause 4.1; Criminal Justice Act 2003 s.325.',
      recipients: { byAgency: { police: ['officer', 'investigator', 'analyst', 'supervisor'] } },
      purposes: ['criminal-investigation', 'intelligence-analysis', 'safeguarding'],
      fields: wholeRecord,
      effect: 'allow',
    },
    hitRule({
      id: 'probation-5.1',
      owner: 'probation',
      summary: 'Police staff learn whether probation supervises people they check, and whom to ask.',
      legalBasis:
        'DSA-PP-2026, clause 10 (hit/no-hit: the existence of a supervision order and a point of contact, no content); Criminal Justice Act 2003 s.325.',
      recipients: { byAgency: { police: ['officer', 'investigator', 'analyst', 'supervisor'] } },
      purposes: ['criminal-investigation', 'safeguarding'],
    }),
    hitRule({
      id: 'probation-5.2',
      owner: 'probation',
      summary: 'Customs staff checking people at the border learn whether probation supervises them, and whom to ask.',
      legalBasis:
        'DSA-CPr-2026, clause 10 (hit/no-hit: the existence of a supervision order and a point of contact, no content); Criminal Justice Act 2003 s.325.',
      recipients: { byAgency: { customs: ['officer', 'investigator', 'analyst', 'supervisor', 'system'] } },
      purposes: ['border-control'],
    }),
    emergencyRule({
      id: 'probation-4',
      summary:
        'In a threat to life, sworn officers of police and customs see the probation record; every such access is reviewed.',
      legalBasis:
        'DSA-PP-2026 and DSA-CPr-2026, clause 9 (emergency disclosure); Data Protection Act 2018 Sch 8 para 3.',
      partners: ['police', 'customs'],
      fields: wholeRecord,
    }),
  ],
  standingWatches: [
    {
      id: 'probation-6',
      summary:
        'A no-foreign-travel condition watches the person’s border crossings, on behalf of the officer who set it, until the order ends.',
      legalBasis:
        'Data Sharing Agreement customs–probation DSA-CPr-2026, clause 3.3 (enforcing travel restrictions); Criminal Justice Act 2003 s.190.',
      kind: 'no-foreign-travel',
      endedBy: ['supervision-order.ended'],
      watches: { owner: 'customs', events: ['crossing.recorded'] },
      purpose: 'offender-management',
      maxDays: 366,
    },
  ],
};
