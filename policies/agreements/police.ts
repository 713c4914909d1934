import { emergencyRule } from '../src/emergencyRule.ts';
import { hitCoordinates, hitRule } from '../src/hitRule.ts';
import type { Agreement, Coordinate } from '../src/rule.ts';

/** Everything the police hold on a person. */
const wholeRecord: readonly Coordinate[] = [
  'Person.police',
  'PoliceProfile.*',
  'WarningMarker.*',
  'IncidentInvolvement.*',
  'Incident.*',
  'Location.*',
  'IncidentPerson.*',
  'IntelligenceReport.*',
  'Grading.*',
  'HandlingCondition.*',
  'ReportSubject.*',
];

/** The purposes the force works its own records for. */
const policingPurposes = ['criminal-investigation', 'intelligence-analysis', 'safeguarding', 'threat-to-life'] as const;

/** The police force's agreements: its own staff, customs and probation. */
export const policeAgreement: Agreement = {
  owner: 'police',
  ownerAgency: 'police',
  title: 'Metropolitan Police: disclosure of police records',
  owns: [
    ...wholeRecord,
    'Query.recentIncidents',
    'Query.recordsPastReview',
    'ReviewDue.*',
    'Mutation.submitIntelligence',
    'Mutation.addWarningMarker',
    'Mutation.recordIncident',
    ...hitCoordinates('police'),
  ],
  rules: [
    {
      id: 'police-1.1',
      summary:
        'Police officers see the force’s person records, warning markers and incidents, and list an area’s incidents.',
      legalBasis:
        'Police information management policy, s.3 (own records for policing purposes); Data Protection Act 2018 s.31, s.35.',
      recipients: { byAgency: { police: ['officer', 'investigator', 'analyst', 'supervisor'] } },
      purposes: policingPurposes,
      fields: [
        'Person.police',
        'Query.recentIncidents',
        'PoliceProfile.pncId',
        'PoliceProfile.warningMarkers',
        'PoliceProfile.incidents',
        'WarningMarker.*',
        'IncidentInvolvement.*',
        'Incident.*',
        'Location.*',
        'IncidentPerson.*',
      ],
      effect: 'allow',
    },
    {
      id: 'police-1.4',
      summary: 'Police officers record incidents and the people involved, and add warning markers.',
      legalBasis:
        'Police information management policy, s.3 (recording of incidents and markers); Data Protection Act 2018 s.35 and s.38.',
      recipients: { byAgency: { police: ['officer', 'investigator', 'supervisor'] } },
      purposes: ['criminal-investigation', 'safeguarding'],
      fields: ['Mutation.addWarningMarker', 'Mutation.recordIncident'],
      effect: 'allow',
    },
    {
      id: 'police-1.3',
      summary:
        'Police investigators and analysts cleared OFFICIAL-SENSITIVE record intelligence, through the entry gate.',
      legalBasis:
        'Police information management policy, s.4 (collection of intelligence, 28 CFR 23.20 criteria); Data Protection Act 2018 s.35 and s.38 (accuracy, categories of data subject).',
      recipients: {
        byAgency: { police: ['investigator', 'analyst', 'supervisor'] },
        minimumClearance: 'OFFICIAL-SENSITIVE',
      },
      purposes: ['criminal-investigation', 'intelligence-analysis'],
      fields: ['Mutation.submitIntelligence'],
      effect: 'allow',
    },
    {
      id: 'police-1.2',
      summary: 'Police investigators and analysts cleared OFFICIAL-SENSITIVE see the force’s graded intelligence.',
      legalBasis: 'Police information management policy, s.5 (intelligence handling); Data Protection Act 2018 s.35.',
      recipients: {
        byAgency: { police: ['investigator', 'analyst', 'supervisor'] },
        minimumClearance: 'OFFICIAL-SENSITIVE',
      },
      purposes: ['criminal-investigation', 'intelligence-analysis', 'threat-to-life'],
      fields: [
        'Person.police',
        'PoliceProfile.intelligenceReports',
        'IntelligenceReport.*',
        'Grading.*',
        'HandlingCondition.*',
        'ReportSubject.*',
      ],
      effect: 'allow',
    },
    {
      id: 'police-2.1',
      summary: 'Customs officers at the border see violence and weapons warning markers, for their own safety.',
      legalBasis:
        'Data Sharing Agreement police–customs DSA-PC-2026, clause 4.2 (officer safety); Data Protection Act 2018 s.35(2)(b).',
      recipients: { byAgency: { customs: ['officer', 'supervisor', 'system'] } },
      purposes: ['border-control'],
      fields: ['Person.police', 'PoliceProfile.warningMarkers', 'WarningMarker.type', 'WarningMarker.addedOn'],
      effect: 'allow',
      records: { kinds: ['violence', 'weapons'] },
    },
    {
      id: 'police-2.2',
      summary:
        'Certified customs investigators see graded intelligence on cross-border crime, where its handling conditions allow.',
      legalBasis: 'Data Sharing Agreement police–customs DSA-PC-2026, clause 5.1; Crime and Courts Act 2013 s.7.',
      recipients: {
        byAgency: { customs: ['investigator'] },
        minimumClearance: 'OFFICIAL-SENSITIVE',
        privileges: ['intelligence-certified'],
      },
      purposes: ['criminal-investigation'],
      fields: [
        'Person.police',
        'PoliceProfile.intelligenceReports',
        'IntelligenceReport.*',
        'Grading.*',
        'HandlingCondition.*',
        'ReportSubject.category',
      ],
      effect: 'allow',
    },
    {
      id: 'police-3.1',
      summary:
        'Offender managers see incidents in which their supervisee was a suspect or was convicted; never those in which the person was a victim, a witness or an associate.',
      legalBasis:
        'Data Sharing Agreement police–probation DSA-PP-2026, clause 3.1; Criminal Justice Act 2003 s.325 (duty to co-operate); LED Art 6 (categories of data subject).',
      recipients: { byAgency: { probation: ['officer', 'supervisor'] } },
      purposes: ['offender-management'],
      fields: [
        'Person.police',
        'PoliceProfile.incidents',
        'IncidentInvolvement.*',
        'Incident.id',
        'Incident.type',
        'Incident.occurredAt',
        'Incident.location',
        'Incident.involved',
        'Location.district',
        'IncidentPerson.category',
      ],
      effect: 'allow',
      records: { dataSubjectCategories: ['suspect', 'convicted'] },
    },
    {
      id: 'police-3.2',
      summary: 'Offender managers see where those incidents happened to about a kilometre, not the address.',
      legalBasis:
        'Data Sharing Agreement police–probation DSA-PP-2026, clause 3.2 (data minimisation); Data Protection Act 2018 s.37.',
      recipients: { byAgency: { probation: ['officer', 'supervisor'] } },
      purposes: ['offender-management'],
      fields: ['Location.latitude', 'Location.longitude'],
      effect: 'mask',
      mask: 'coarse-coordinate',
      records: { dataSubjectCategories: ['suspect', 'convicted'] },
    },
    {
      id: 'police-3.3',
      summary: 'Offender managers see every warning marker, for the safety of home visits.',
      legalBasis: 'Data Sharing Agreement police–probation DSA-PP-2026, clause 3.3 (staff safety).',
      recipients: { byAgency: { probation: ['officer', 'supervisor'] } },
      purposes: ['offender-management'],
      fields: ['Person.police', 'PoliceProfile.warningMarkers', 'WarningMarker.*'],
      effect: 'allow',
    },
    {
      id: 'police-9.1',
      summary:
        'Oversight auditors see which intelligence is past its review date: the record, its dates and dissemination, never its content.',
      legalBasis:
        'Police information management policy, s.9 (review and retention); Data Protection Act 2018 s.39 (storage limitation) and s.116 (inspection).',
      recipients: { byAgency: { oversight: ['auditor'] } },
      purposes: ['oversight-audit'],
      fields: ['Query.recordsPastReview', 'ReviewDue.*'],
      effect: 'allow',
    },
    {
      id: 'police-9.2',
      summary:
        'Police supervisors see which of the force’s intelligence is past its review date, to re-validate or purge it.',
      legalBasis:
        'Police information management policy, s.9 (review and retention); Data Protection Act 2018 s.39 (storage limitation).',
      recipients: { byAgency: { police: ['supervisor'] } },
      purposes: ['intelligence-analysis'],
      fields: ['Query.recordsPastReview', 'ReviewDue.*'],
      effect: 'allow',
    },
    hitRule({
      id: 'police-10.1',
      owner: 'police',
      summary:
        'Customs staff checking people at the border learn whether the police hold records on them (never black intelligence, nothing past review), and whom to ask.',
      legalBasis:
        'DSA-PC-2026, clause 10 (hit/no-hit: the existence of records and a point of contact, no content); Data Protection Act 2018 s.35.',
      recipients: { byAgency: { customs: ['officer', 'investigator', 'analyst', 'supervisor', 'system'] } },
      purposes: ['border-control'],
    }),
    hitRule({
      id: 'police-10.2',
      owner: 'police',
      summary:
        'Probation staff learn whether the police hold records on people they supervise (never black intelligence, nothing past review), and whom to ask.',
      legalBasis:
        'DSA-PP-2026, clause 10 (hit/no-hit: the existence of records and a point of contact, no content); Data Protection Act 2018 s.35.',
      recipients: { byAgency: { probation: ['officer', 'supervisor', 'analyst'] } },
      purposes: ['offender-management'],
    }),
    emergencyRule({
      id: 'police-4',
      summary:
        'In a threat to life, sworn officers of customs and probation see the police record, intelligence included; every such access is reviewed.',
      legalBasis:
        'DSA-PC-2026 and DSA-PP-2026, clause 9 (emergency disclosure); Data Protection Act 2018 Sch 8 para 3 (protection of life); reviewed by the owner within 72 hours.',
      partners: ['customs', 'probation'],
      fields: wholeRecord,
    }),
  ],
  partnerRecordRules: {
    appliesTo: ['IntelligenceReport'],
    black: {
      id: 'police-7.1',
      summary:
        'Intelligence disseminated black is for the police alone: partners see nothing, not even that it exists.',
      legalBasis:
        'Police information management policy, s.7.3 (dissemination codes); DSA-PC-2026 and DSA-PP-2026, clause 7.1.',
    },
    gray: {
      id: 'police-7.2',
      summary: 'Intelligence disseminated gray reaches partners as a pointer: that it exists, and whom to contact.',
      legalBasis:
        'Police information management policy, s.7.3 (dissemination codes); DSA-PC-2026 and DSA-PP-2026, clause 7.2.',
      pointerFields: [
        'IntelligenceReport.id',
        'IntelligenceReport.owner',
        'IntelligenceReport.contact',
        'IntelligenceReport.dissemination',
      ],
    },
    handlingConditions: {
      id: 'police-7.3',
      summary: 'Intelligence with handling code C reaches a partner only where all of its conditions allow.',
      legalBasis: 'UK 3x5x2 handling code C; DSA-PC-2026 and DSA-PP-2026, clause 7.3.',
    },
    pastReviewDate: {
      id: 'police-8',
      summary: 'Intelligence past its review date is withheld from partners until the police re-validate it.',
      legalBasis: 'Police information management policy, s.9 (review within five years; cf. 28 CFR Part 23).',
    },
  },
  aggregates: [
    {
      id: 'police-11.1',
      summary:
        'Police analysts, investigators and supervisors map the force’s incidents by hexagon and month, every type, down to neighbourhood hexagons.',
      legalBasis:
        'Police information management policy, s.11 (crime analysis); Data Protection Act 2018 s.35 (law enforcement purposes); counts under 5 withheld.',
      recipients: { byAgency: { police: ['analyst', 'investigator', 'supervisor'] } },
      purposes: ['intelligence-analysis', 'criminal-investigation'],
      dataset: 'incidents',
      recordType: 'Incident',
      categories: 'any',
      resolution: 9,
      k: 5,
    },
    {
      id: 'police-11.2',
      summary:
        'Customs analysts and supervisors map drug supply and weapon incidents, by district-sized hexagon and month, to plan border work.',
      legalBasis:
        'Data Sharing Agreement police–customs DSA-PC-2026, clause 11 (statistics for joint tasking); Data Protection Act 2018 s.35; counts under 10 withheld.',
      recipients: { byAgency: { customs: ['analyst', 'supervisor'] } },
      purposes: ['intelligence-analysis'],
      dataset: 'incidents',
      recordType: 'Incident',
      categories: ['drug supply', 'possession of weapon'],
      resolution: 7,
      k: 10,
    },
  ],
};
