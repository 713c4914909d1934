import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { sqlAt } from '@tessera/hub';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';
import { callerArbitrary, callerAsArbitrary } from '../policies/tests/arbitraries.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({
    gateway: {
      rateLimits: {
        perPrincipal: { burst: 100_000, perSecond: 100_000 },
        perAgency: { burst: 100_000, perSecond: 100_000 },
        hitSubjects: { burst: 100_000, perSecond: 100_000 },
      },
    },
  });
  // People the police know only through records that must never hit, and one they may be told of.
  const police = (text: string) => sqlAt(hub.databaseUrls.police!, text);
  const report = async (id: string, subject: string, dissemination: string, reviewDate: string) => {
    await police(`insert into police.intelligence_report (id, summary, source_evaluation, assessment, handling_code,
      dissemination, review_date, recorded_at, contact) values ('${id}', 'canary ${subject}', 1, 'A', 'P',
      '${dissemination}', '${reviewDate}', now(), 'DS Canary')`);
    await police(
      `insert into police.report_subject (report_id, national_id, category) values ('${id}', '${subject}', 'suspect')`,
    );
  };
  for (const [index, subject] of blackOnly.entries()) await report(`black-${index}`, subject, 'black', '2099-01-01');
  for (const [index, subject] of pastReviewOnly.entries())
    await report(`past-${index}`, subject, 'white', '2001-01-01');
  await report('white-0', whiteOnly, 'white', '2099-01-01');
});
afterAll(() => hub?.stop());

const blackOnly = [nationalIdOf(500_001), nationalIdOf(500_002), nationalIdOf(500_003)];
const pastReviewOnly = [nationalIdOf(500_011), nationalIdOf(500_012)];
const whiteOnly = nationalIdOf(500_021);
const unknown = [nationalIdOf(600_001), nationalIdOf(600_002), nationalIdOf(600_003)];
// The test population and, beyond it, people no agency knows.
const travellers = Array.from({ length: 500 }, (_, index) => nationalIdOf(index));

const hitsQuery = `query($ids: [ID!]!) { hits(nationalIds: $ids) { subject police { owner kinds contact reference } probation { owner kinds contact reference } } }`;

interface Hit {
  readonly owner: string;
  readonly kinds: string[];
  readonly contact: string;
  readonly reference: string;
}
interface HitCheck {
  readonly subject: string;
  readonly police: Hit | null;
  readonly probation: Hit | null;
}

const check = async (
  ids: readonly string[],
  partner: Partner = partners.customsOfficer,
  purpose = 'border-control',
) => {
  const response = await queryAs(hub, partner, purpose, { query: hitsQuery, variables: { ids } });
  return { ...response, hits: (response.body.data?.hits ?? []) as HitCheck[] };
};

describe('hits', () => {
  test('a customs officer checks 500 travellers: police and probation hits, nothing else, logged by each owner', async () => {
    const police = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!;
    const before = police.database.statements();
    const { status, body, hits } = await check(travellers);
    const statements = police.database.statements() - before;
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(hits.map((hit) => hit.subject)).toEqual(travellers);
    const demo = hits.find((hit) => hit.subject === nationalIdOf(demoSubjectIndex))!;
    expect(demo.police).toMatchObject({ owner: 'police', kinds: ['incident', 'intelligence', 'warning-marker'] });
    expect(demo.probation).toMatchObject({ owner: 'probation', kinds: ['supervision-order'] });
    for (const hit of hits.flatMap((entry) => [entry.police, entry.probation]).filter((entry) => entry !== null)) {
      expect(Object.keys(hit).sort()).toEqual(['contact', 'kinds', 'owner', 'reference']);
      expect(hit.reference.split('.')).toHaveLength(5);
    }

    // The same statements for one subject as for 500: one hit query and one disclosure append.
    const single = police.database.statements();
    await check([nationalIdOf(demoSubjectIndex)]);
    expect(police.database.statements() - single).toBe(statements);

    const requestId = (body.extensions as { tessera: { requestId: string } }).tessera.requestId;
    const logged = await sqlAt<{ entry: string }>(
      hub.databaseUrls.police!,
      `select entry from police.audit_log where request_id = $1`,
      [requestId],
    );
    const policeHits = hits.filter((hit) => hit.police).map((hit) => `hit/${hit.subject}`);
    expect(
      logged
        .map((row) => JSON.parse(row.entry) as { type: string; id: string })
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(policeHits.sort());
  });

  test('black records and records past review never hit: the answer is the one for a stranger', async () => {
    const { hits } = await check([whiteOnly, ...blackOnly, ...pastReviewOnly, ...unknown]);
    expect(hits[0]!.police).toMatchObject({ kinds: ['intelligence'] });
    const withoutSubject = (entry: HitCheck) => JSON.stringify({ ...entry, subject: '' });
    for (const entry of hits.slice(1)) expect(withoutSubject(entry)).toBe(withoutSubject(hits.at(-1)!));
  });

  test('property: whatever the mix and order of subjects, none known only through black or past-review records hits', async () => {
    const pool = [...blackOnly, ...pastReviewOnly, ...unknown, ...travellers.slice(0, 40), whiteOnly];
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 25 }), async (ids) => {
        const { hits } = await check(ids);
        expect(hits.map((hit) => hit.subject)).toEqual(ids);
        for (const hit of hits) {
          const never = [...blackOnly, ...pastReviewOnly, ...unknown].includes(hit.subject);
          if (never) expect(hit.police).toBeNull();
          if (hit.subject === whiteOnly) expect(hit.police).not.toBeNull();
        }
      }),
      { numRuns: 25 },
    );
  });

  test('property: whoever asks, for whatever purpose, a subject known only through black or past-review records never hits', async () => {
    const never = [...blackOnly, ...pastReviewOnly, ...unknown];
    const hitCheckers = callerAsArbitrary(['customs', 'probation'], 'officer', [
      'border-control',
      'offender-management',
    ]);
    let answered = 0;
    await fc.assert(
      // Half of them officers of customs and probation, for the purposes their hit clauses name (or the other's).
      fc.asyncProperty(fc.oneof(callerArbitrary, hitCheckers), async ([principal, purpose]) => {
        const { status, body } = await queryAs(hub, principal, purpose, {
          query: hitsQuery,
          variables: { ids: [whiteOnly, ...never] },
        });
        expect(status).toBeLessThan(500);
        const hits = (body.data?.hits ?? []) as HitCheck[];
        if (hits.length > 0) answered++;
        for (const hit of hits.filter((entry) => never.includes(entry.subject))) {
          expect(hit.police, JSON.stringify({ principal, purpose, hit })).toBeNull();
          expect(hit.probation).toBeNull();
        }
      }),
      { numRuns: 80 },
    );
    expect(answered).toBeGreaterThan(5);
  });

  test('without an agreement giving hits for the purpose: 403 before any owner is asked', async () => {
    const asked = hub.subgraphs.map((subgraph) => subgraph.requests());
    const { status, body } = await check(travellers, partners.policeOfficer, 'intelligence-analysis');
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(hub.subgraphs.map((subgraph) => subgraph.requests())).toEqual(asked);
  });

  test('more than 1000 subjects, or a malformed one, is bad input', async () => {
    const tooMany = await check(Array.from({ length: 1001 }, (_, index) => nationalIdOf(index)));
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const malformed = await check(['not-an-id']);
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
