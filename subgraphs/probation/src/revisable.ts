import { check, type RevisableKind } from '@tessera/subgraph-kit';
import { riskLevels } from './vocabulary.ts';

/** What probation staff may correct and withdraw, by the kind in a record's name (`supervision-order/<id>`). */
export const revisable: Readonly<Record<string, RevisableKind>> = {
  'supervision-order': {
    table: 'probation.supervision_order',
    recordType: 'SupervisionOrder',
    personColumn: 'national_id',
    fields: {
      riskLevel: { column: 'risk_level', check: (value) => check.oneOf(value, 'riskLevel', riskLevels) },
      endDate: { column: 'end_date', check: (value) => check.date(value, 'endDate') },
    },
    dependents: ['probation.order_condition.order_id'],
  },
};
