import { emergencyRule } from '../src/emergencyRule.ts';
import { hitCoordinates, hitRule } from '../src/hitRule.ts';
import type { Agreement, Coordinate } from '../src/rule.ts';

/** Everything customs hold on a person. */
const wholeRecord: readonly Coordinate[] = [
  'Person.customs',
  'CustomsProfile.*',
  'BorderCrossing.*',
  'Seizure.*',
  'CustomsFlag.*',
];

/** The border and customs agency's agreements: its own staff, police and probation. */
export const customsAgreement: Agreement = {
  owner: 'customs',
  ownerAgency: 'customs',
  title: 'Border and Customs Agency: disclosure of customs records',
  owns: [
    ...wholeRecord,
    'Mutation.recordCrossing',
    'Mutation.recordSeizure',
    'Mutation.raiseFlag',
    ...hitCoordinates('customs'),
  ],
  rules: [
    {
      id: 'customs-1',
      summary: 'Customs staff and systems see the agency’s own records.',
      legalBasis: 'Commissioners for Revenue and Customs Act 2005 s.17 (use of information within the agency).',
      recipients: { byAgency: { customs: ['officer', 'investigator', 'analyst', 'supervisor', 'system'] } },
      purposes: ['border-control', 'criminal-investigation', 'intelligence-analysis', 'threat-to-life'],
      fields: wholeRecord,
      effect: 'allow',
    },
    {
      id: 'customs-1.1',
      summary: 'Customs officers and border systems record crossings, seizures and flags.',
      legalBasis:
        'Customs and Excise Management Act 1979 s.35 and s.64 (reports of arrival and departure), s.139 (seizure); Commissioners for Revenue and Customs Act 2005 s.17.',
      recipients: { byAgency: { customs: ['officer', 'supervisor', 'system'] } },
      purposes: ['border-control'],
      fields: ['Mutation.recordCrossing', 'Mutation.recordSeizure', 'Mutation.raiseFlag'],
      effect: 'allow',
    },
    {
      id: 'customs-2',
      summary: 'Police investigators and analysts see border crossings, seizures and customs flags.',
      legalBasis:
        'Data Sharing Agreement police–customs DSA-PC-2026, clause 6.1; Commissioners for Revenue and Customs Act 2005 s.18(2)(c).',
      recipients: { byAgency: { police: ['investigator', 'analyst', 'supervisor'] } },
      purposes: ['criminal-investigation', 'intelligence-analysis'],
      fields: wholeRecord,
      effect: 'allow',
    },
    {
      id: 'customs-3.1',
      summary: 'Offender managers see their supervisee’s border crossings, to check travel restrictions.',
      legalBasis:
        'Data Sharing Agreement customs–probation DSA-CPr-2026, clause 3.1; Offender Management Act 2007 s.14.',
      recipients: { byAgency: { probation: ['officer', 'supervisor'] } },
      purposes: ['offender-management'],
      fields: [
        'Person.customs',
        'CustomsProfile.crossings',
        'BorderCrossing.id',
        'BorderCrossing.crossedAt',
        'BorderCrossing.port',
        'BorderCrossing.direction',
      ],
      effect: 'allow',
    },
    {
      id: 'customs-3.2',
      summary: 'Offender managers see the travel document used to its last three characters.',
      legalBasis: 'Data Sharing Agreement customs–probation DSA-CPr-2026, clause 3.2 (data minimisation).',
      recipients: { byAgency: { probation: ['officer', 'supervisor'] } },
      purposes: ['offender-management'],
      fields: ['BorderCrossing.travelDocument'],
      effect: 'mask',
      mask: 'last-three',
    },
    hitRule({
      id: 'customs-5.1',
      owner: 'customs',
      summary: 'Police staff investigating learn whether customs hold records on people they check, and whom to ask.',
      legalBasis:
        'DSA-PC-2026, clause 10 (hit/no-hit: the existence of records and a point of contact, no content); Data Protection Act 2018 s.35.',
      recipients: { byAgency: { police: ['officer', 'investigator', 'analyst', 'supervisor'] } },
      purposes: ['criminal-investigation'],
    }),
    hitRule({
      id: 'customs-5.2',
      owner: 'customs',
      summary: 'Probation staff learn whether customs hold records on people they supervise, and whom to ask.',
      legalBasis:
        'DSA-CPr-2026, clause 10 (hit/no-hit: the existence of records and a point of contact, no content); Data Protection Act 2018 s.35.',
      recipients: { byAgency: { probation: ['officer', 'supervisor', 'analyst'] } },
      purposes: ['offender-management'],
    }),
    emergencyRule({
      id: 'customs-4',
      summary:
        'In a threat to life, sworn officers of police and probation see the customs record; every such access is reviewed.',
      legalBasis:
        'DSA-PC-2026 and DSA-CPr-2026, clause 9 (emergency disclosure); Data Protection Act 2018 Sch 8 para 3.',
      partners: ['police', 'probation'],
      fields: wholeRecord,
    }),
  ],
  aggregates: [
    {
      id: 'customs-9.1',
      summary: 'Customs analysts and supervisors map the agency’s seizures by port and goods, every count.',
      legalBasis: 'Commissioners for Revenue and Customs Act 2005 s.17 (use of information within the agency).',
      recipients: { byAgency: { customs: ['analyst', 'supervisor'] } },
      purposes: ['intelligence-analysis', 'border-control'],
      dataset: 'seizures',
      recordType: 'Seizure',
      categories: 'any',
      resolution: 9,
      k: 1,
    },
    {
      id: 'customs-9.2',
      summary:
        'Police analysts and investigators map seizures of drugs and cash by port area, to link them to street supply.',
      legalBasis:
        'Data Sharing Agreement police–customs DSA-PC-2026, clause 11 (statistics for joint tasking); Commissioners for Revenue and Customs Act 2005 s.18(2)(c); counts under 5 withheld.',
      recipients: { byAgency: { police: ['analyst', 'investigator', 'supervisor'] } },
      purposes: ['intelligence-analysis', 'criminal-investigation'],
      dataset: 'seizures',
      recordType: 'Seizure',
      categories: ['cocaine', 'cannabis', 'undeclared cash'],
      resolution: 7,
      k: 5,
    },
  ],
  answersStandingWatches: [
    {
      clause: 'probation-6',
      legalBasis:
        'Data Sharing Agreement customs–probation DSA-CPr-2026, clause 3.3: customs alert the offender manager to each crossing of a person under a no-foreign-travel condition, with what clauses 3.1 and 3.2 release.',
    },
  ],
};
