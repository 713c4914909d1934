import type { Agreement } from '../src/rule.ts';
import { operationalPurposes } from '../src/vocabulary.ts';

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
    'Query.explain',
    'FieldDecision.*',
  ],
  rules: [
    {
      id: 'hub-1',
      summary:
        'Operational staff of the partner agencies find people in the national register, for any operational purpose.',
      legalBasis:
        'National Register Access Order, art. 4 (identification for law-enforcement purposes); Data Protection Act 2018 s.35.',
      recipients: {
        agencies: ['police', 'customs', 'probation'],
        roles: ['officer', 'investigator', 'analyst', 'supervisor', 'system'],
      },
      purposes: operationalPurposes,
      fields: [
        'Query.person',
        'Query.people',
        'Query.searchPeople',
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
      recipients: {
        agencies: ['police', 'customs', 'probation', 'oversight'],
        roles: ['officer', 'investigator', 'analyst', 'supervisor', 'system', 'auditor', 'hub-admin'],
      },
      purposes: 'any',
      fields: ['Query.explain', 'FieldDecision.*'],
      effect: 'allow',
    },
  ],
};
