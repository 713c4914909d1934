import type { Agreement, Coordinate } from '../src/rule.ts';
import { operationalPurposes, roles, type Role } from '../src/vocabulary.ts';

/** The roles that work cases, as against auditing or administering the hub. */
const operationalRoles: readonly Role[] = ['officer', 'investigator', 'analyst', 'supervisor', 'system'];

/** The audit trail as the oversight API serves it. */
const auditTrail: readonly Coordinate[] = [
  'Query.consultations',
  'Query.disclosures',
  'Query.pendingReviews',
  'Query.auditIntegrity',
  'Mutation.markReviewed',
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
