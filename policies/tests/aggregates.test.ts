import { describe, expect, test } from 'vitest';
import { agreements, aggregateClauseFor, principalFromClaims } from '../src/index.ts';

const principal = (agency: string, role: string) => {
  const read = principalFromClaims({
    iss: 'test',
    sub: 'test',
    agency,
    roles: [role],
    clearance: 'OFFICIAL',
    privileges: [],
  });
  if (!read.ok) throw new Error(read.problems.join('; '));
  return read.principal;
};

describe('aggregate clauses', () => {
  test('never count records the owner’s record rules judge one by one (black, past review, handling conditions)', () => {
    for (const agreement of agreements) {
      for (const clause of agreement.aggregates ?? []) {
        expect(agreement.partnerRecordRules?.appliesTo ?? []).not.toContain(clause.recordType);
      }
    }
  });

  test('each has a legal basis, a k of at least 1 and a resolution the counts are kept at', () => {
    for (const clause of agreements.flatMap((agreement) => agreement.aggregates ?? [])) {
      expect(clause.legalBasis.length).toBeGreaterThan(20);
      expect(clause.k ?? 5).toBeGreaterThanOrEqual(1);
      expect([7, 8, 9]).toContain(clause.resolution);
    }
  });

  test('a partner gets the partner clause, with its coarser hexagons and larger k; a stranger none', () => {
    expect(
      aggregateClauseFor(principal('police', 'analyst'), 'intelligence-analysis', 'police', 'incidents'),
    ).toMatchObject({ id: 'police-11.1', resolution: 9 });
    expect(
      aggregateClauseFor(principal('customs', 'analyst'), 'intelligence-analysis', 'police', 'incidents'),
    ).toMatchObject({ id: 'police-11.2', resolution: 7, k: 10 });
    expect(
      aggregateClauseFor(principal('customs', 'officer'), 'border-control', 'police', 'incidents'),
    ).toBeUndefined();
    expect(
      aggregateClauseFor(principal('probation', 'analyst'), 'intelligence-analysis', 'police', 'incidents'),
    ).toBeUndefined();
  });
});
