import type { Agreement, Coordinate } from '../src/rule.ts';
import { operationalPurposes, roles, type Role } from '../src/vocabulary.ts';

/** The roles that work cases, as against auditing or administering the hub. */
const operationalRoles: readonly Role[] = ['officer', 'investigator', 'analyst', 'supervisor', 'system'];

/** The measures of sharing, per clause. */
const sharingMeasures: readonly Coordinate[] = ['Query.sharingKpis', 'SharingKpis.*', 'ClauseKpi.*', 'FollowUpKpi.*'];

/** The audit trail as the oversight API serves it. */
const auditTrail: readonly Coordinate[] = [
  'Query.consultations',
  'Query.consultationActivity',
  'ConsultationActivity.*',
  'ActivityDay.*',
  'RuleDenials.*',
  'Query.disclosures',
  'Query.pendingReviews',
  'Query.auditIntegrity',
  'Query.followUpRequests',
  'Query.readsUnderGrant',
  'Query.watches',
  ...sharingMeasures,
  'WatchRecord.*',
  'AlertDelivery.*',
  'Mutation.markReviewed',
  'FollowUpRequest.*',
  'ConsultationPage.*',
  'Consultation.*',
  'AuditPrincipal.*',
  'DisclosedRecord.*',
  'Client.*',
  'DisclosurePage.*',
  'Disclosure.*',
  'Review.*',
  'AuditIntegrity.*',
  'ChainStatus.*',
  'Reconciliation.*',
];

/** The follow-up step as the hub serves it: requests to owners, their decisions, and the grants. */
const followUps: readonly Coordinate[] = [
  'Query.myDisclosureRequests',
  'Query.pendingDisclosureRequests',
  'Query.disclosureGrants',
  'Mutation.requestDisclosure',
  'Mutation.decideDisclosure',
  'Mutation.revokeGrant',
  'DisclosureRequest.*',
  'DisclosureGrant.*',
  'Party.*',
];

/** Watches on people and the alerts they bring. */
const watching: readonly Coordinate[] = [
  'Query.myWatches',
  'Query.alerts',
  'Query.undeliveredAlerts',
  'UndeliveredAlert.*',
  'Mutation.watch',
  'Mutation.unwatch',
  'Watch.*',
  'Alert.*',
  'AlertField.*',
];

/** Corrections and withdrawals, taken to the owner of the caller's agency. */
const revisions: readonly Coordinate[] = ['Mutation.correctRecord', 'Mutation.withdrawRecord', 'RecordRevision.*'];

/** Hotspot maps, trends and forecasts: counts per hexagon, each owner's under its own aggregate clauses. */
const hotspotMap: readonly Coordinate[] = [
  'Query.hotspots',
  'HotspotMap.*',
  'HotspotFeature.*',
  'HexagonGeometry.*',
  'HotspotProperties.*',
  'HotspotSource.*',
  'Query.trends',
  'TrendReport.*',
  'TrendCell.*',
  'Query.forecast',
  'ForecastReport.*',
  'ForecastCell.*',
  'ForecastEvaluation.*',
];

/** What the hub holds itself: the national register's identities, and the explanation of the rules. */
export const hubAgreement: Agreement = {
  owner: 'hub',
  ownerAgency: null,
  title: 'Tessera hub: the national register and the rules themselves',
  owns: [
    'Person.nationalId',
    'Person.givenName',
    'Person.familyName',
    'Person.dateOfBirth',
    'Query.person',
    'Query.people',
    'Query.searchPeople',
    'Query.hits',
    'HitCheck.subject',
    'Query.explain',
    'FieldDecision.*',
    ...auditTrail,
    ...followUps,
    ...watching,
    ...revisions,
    ...hotspotMap,
  ],
  rules: [
    {
      id: 'hub-1',
      summary:
        'Operational staff of the partner agencies find people in the national register, for any operational purpose.',
      legalBasis:
        'National Register Access Order, art. 4 (identification for law-enforcement purposes); Data Protection Act 2018 s.35.',
      recipients: {
        byAgency: { police: operationalRoles, customs: operationalRoles, probation: operationalRoles },
      },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: [
        'Query.person',
        'Query.people',
        'Query.searchPeople',
        'Query.hits',
        'HitCheck.subject',
        'Person.nationalId',
        'Person.givenName',
        'Person.familyName',
        'Person.dateOfBirth',
      ],
      effect: 'allow',
    },
    {
      id: 'hub-2',
      summary:
        'Anyone the hub admits may ask how the agreements apply to an operation; the answer holds no personal data.',
      legalBasis: 'Tessera hub charter, s.2 (transparency of the rules).',
      recipients: { byAgency: { police: roles, customs: roles, probation: roles, oversight: roles } },
      purposes: 'any',
      fields: ['Query.explain', 'FieldDecision.*'],
      effect: 'allow',
    },
    {
      id: 'hub-4',
      summary:
        'Operational staff of the agencies ask an owner, after a hit, to release more, and see their requests and the grants made to them; the owner decides.',
      legalBasis:
        'DSA-PC-2026, DSA-PP-2026 and DSA-CPr-2026, clause 11 (follow-up requests, decided case by case by the owner); Data Protection Act 2018 s.35.',
      recipients: {
        byAgency: { police: operationalRoles, customs: operationalRoles, probation: operationalRoles },
      },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: [
        'Query.myDisclosureRequests',
        'Query.disclosureGrants',
        'Mutation.requestDisclosure',
        'DisclosureRequest.*',
        'DisclosureGrant.*',
        'Party.*',
      ],
      effect: 'allow',
    },
    {
      id: 'hub-5',
      summary:
        'Supervisors of each agency see the follow-up requests made to it, approve or refuse each once, and revoke the grants it made.',
      legalBasis:
        'DSA-PC-2026, DSA-PP-2026 and DSA-CPr-2026, clause 11.2 (the owner decides through its supervisors, with reasons); Data Protection Act 2018 s.35.',
      recipients: { byAgency: { police: ['supervisor'], customs: ['supervisor'], probation: ['supervisor'] } },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: followUps,
      effect: 'allow',
    },
    {
      id: 'hub-6',
      summary:
        'Operational staff watch people for a declared purpose and justification (at most 90 days) and read the alerts their watches bring; what an alert carries is decided by the owner’s clauses at delivery.',
      legalBasis:
        'DSA-PC-2026, DSA-PP-2026 and DSA-CPr-2026, clause 12 (notification of new records on a watched person); Data Protection Act 2018 s.35.',
      recipients: {
        byAgency: { police: operationalRoles, customs: operationalRoles, probation: operationalRoles },
      },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: watching,
      effect: 'allow',
    },
    {
      id: 'hub-7',
      summary:
        'Owners’ officers, investigators and supervisors correct and withdraw their own agency’s records through the hub; the owner checks the record is its own, keeps the earlier version and tells every earlier recipient.',
      legalBasis:
        'Data Protection Act 2018 s.38(4) and s.47 (rectification and erasure); LED Art 7(3) (notifying recipients of inaccurate data) and Art 16.',
      recipients: {
        byAgency: {
          police: ['officer', 'investigator', 'supervisor'],
          customs: ['officer', 'investigator', 'supervisor'],
          probation: ['officer', 'supervisor'],
        },
      },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: revisions,
      effect: 'allow',
    },
    {
      id: 'hub-8',
      summary:
        'Operational staff ask for hotspot maps; each owner decides by its own aggregate clauses what counts it releases, with k and a legal basis.',
      legalBasis:
        'DSA-PC-2026, DSA-PP-2026 and DSA-CPr-2026, clause 11 (statistics for joint tasking); Data Protection Act 2018 s.35.',
      recipients: {
        byAgency: { police: operationalRoles, customs: operationalRoles, probation: operationalRoles },
      },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: hotspotMap,
      effect: 'allow',
    },
    {
      id: 'hub-9',
      summary:
        'Owners’ supervisors read the measures of sharing for their own agreement’s clauses and follow-up queue.',
      legalBasis:
        'DSA-PC-2026, DSA-PP-2026 and DSA-CPr-2026, clause 13 (review of the agreement’s operation); Data Protection Act 2018 s.56 (accountability).',
      recipients: { byAgency: { police: ['supervisor'], customs: ['supervisor'], probation: ['supervisor'] } },
      purposes: operationalPurposes,
      grantsPurpose: false,
      fields: sharingMeasures,
      effect: 'allow',
    },
    {
      id: 'hub-3',
      summary:
        'Oversight auditors read the audit trail (who consulted whom, what was released, what was refused), check its integrity and record reviews; every read is itself recorded.',
      legalBasis:
        'Data Protection Act 2018 s.62 (logging) and s.116 (inspection by the supervisory authority); LED Art 25; Tessera hub charter, s.4 (independent oversight).',
      recipients: { byAgency: { oversight: ['auditor'] } },
      purposes: ['oversight-audit'],
      fields: auditTrail,
      effect: 'allow',
    },
  ],
};
