import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide } from '@tessera/policies';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';
import { callerArbitrary } from '../policies/tests/arbitraries.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const operation = `{ person(nationalId: "${nationalIdOf(demoSubjectIndex)}") {
  familyName
  police { pncId warningMarkers { type } incidents { category incident { type location { district latitude } } } intelligenceReports { id summary } }
  customs { nationality crossings { port travelDocument } seizures { goods } }
  probation { crn supervisionOrders { riskLevel conditions { type } offenderManager { phone } } }
} }`;

interface Explained {
  path: string;
  coordinate: string;
  effect: string;
  rule: string;
  legalBasis: string;
  conditional: boolean;
}

const explainQuery = `query($operation: String!, $purpose: String!, $principal: PrincipalInput) {
  explain(operation: $operation, purpose: $purpose, principal: $principal) { path coordinate effect rule legalBasis conditional }
}`;

async function explainFor(asker: Partner, purpose: string, principal?: Partner) {
  return queryAs(hub, asker, null, { query: explainQuery, variables: { operation, purpose, principal } });
}

/** Every concrete path (list positions filled in) a dotted explain path reaches in the data, and the value there. */
function valuesAt(data: unknown, path: string): { at: string; value: unknown }[] {
  let frontier: { at: string[]; value: unknown }[] = [{ at: [], value: data }];
  for (const key of path.split('.')) {
    frontier = frontier.flatMap(({ at, value }) => {
      if (value === null || typeof value !== 'object') return [];
      const next = (value as Record<string, unknown>)[key];
      if (Array.isArray(next)) return next.map((item, index) => ({ at: [...at, key, String(index)], value: item }));
      return [{ at: [...at, key], value: next }];
    });
  }
  return frontier.map(({ at, value }) => ({ at: at.join('/'), value }));
}

describe('explain agrees with what the hub releases', () => {
  test.each([
    ['a customs officer at the border', partners.customsOfficer, 'border-control'],
    ['an offender manager', partners.offenderManager, 'offender-management'],
    ['a certified customs investigator', partners.customsInvestigator, 'criminal-investigation'],
    ['a police investigator', partners.policeInvestigator, 'criminal-investigation'],
  ])('for %s', async (_, partner, purpose) => {
    const explained = (await explainFor(partner, purpose)).body.data?.explain as Explained[];
    const response = await queryAs(hub, partner, purpose, { query: operation });
    expect(response.status).toBe(200);
    const forbidden = new Map(
      (response.body.errors ?? []).map((error) => [error.path!.join('/'), error.extensions as Record<string, unknown>]),
    );
    let denied = 0;
    let released = 0;
    for (const entry of explained) {
      for (const { at, value } of valuesAt(response.body.data, entry.path.split('.').slice(0, -1).join('.'))) {
        if (value === null || value === undefined) continue;
        const path = at ? `${at}/${entry.path.split('.').at(-1)}` : entry.path;
        if (entry.effect === 'DENY') {
          denied++;
          expect(forbidden.get(path), path).toMatchObject({
            code: 'FORBIDDEN',
            coordinate: entry.coordinate,
            rule: entry.rule,
          });
          expect(forbidden.get(path)?.legalBasis).toBe(entry.legalBasis);
        } else if (!entry.conditional) {
          released++;
          expect(forbidden.has(path), path).toBe(false);
          expect((value as Record<string, unknown>)[entry.path.split('.').at(-1)!], path).not.toBeNull();
        }
      }
    }
    expect(denied + released).toBeGreaterThan(3);
  });

  test('each explained field names its rule and legal basis', async () => {
    const explained = (await explainFor(partners.offenderManager, 'offender-management')).body.data
      ?.explain as Explained[];
    expect(explained.find((entry) => entry.coordinate === 'Location.latitude')).toEqual({
      path: 'person.police.incidents.incident.location.latitude',
      coordinate: 'Location.latitude',
      effect: 'MASK',
      rule: 'police-3.2',
      legalBasis: expect.stringContaining('DSA-PP-2026, clause 3.2'),
      conditional: true,
    });
  });
});

describe('explaining for another principal', () => {
  test('an oversight auditor sees what the stated principal would', async () => {
    const stated = { ...partners.customsOfficer, roles: [...partners.customsOfficer.roles], privileges: [] };
    const forThem = await explainFor(partners.overseer, 'border-control', stated);
    const byThemselves = await explainFor(partners.customsOfficer, 'border-control');
    expect(forThem.body.errors).toBeUndefined();
    expect(forThem.body.data).toEqual(byThemselves.body.data);
  });

  test('property: for any stated principal and purpose, each field is explained as decide() decides it', async () => {
    let explained = 0;
    await fc.assert(
      fc.asyncProperty(callerArbitrary, async ([principal, purpose]) => {
        if (purpose === null) return;
        const { agency, roles, clearance, privileges } = principal;
        const { body } = await explainFor(partners.overseer, purpose, {
          agency,
          roles: [...roles],
          clearance,
          privileges: [...privileges],
        });
        const who = JSON.stringify({ principal, purpose, errors: body.errors });
        expect(body.errors, who).toBeUndefined();
        for (const entry of body.data?.explain as Explained[]) {
          explained++;
          const decision = decide(principal, purpose, entry.coordinate);
          expect([entry.effect, entry.rule], `${who} ${entry.coordinate}`).toEqual([
            decision.effect.toUpperCase(),
            decision.rule,
          ]);
        }
      }),
      { numRuns: 60 },
    );
    expect(explained).toBeGreaterThan(100);
  });

  test('nobody else may', async () => {
    const { body } = await explainFor(partners.policeInvestigator, 'border-control', {
      ...partners.customsOfficer,
      roles: ['officer'],
      privileges: [],
    });
    expect(body.data).toEqual({ explain: null });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  test('a stated principal outside the vocabulary is refused', async () => {
    const { body } = await explainFor(partners.overseer, 'border-control', {
      agency: 'mi5',
      roles: ['officer'],
      clearance: 'SECRET',
      privileges: [],
    } as never);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('an operation that could not run is not explained', () => {
  test.each([
    ['does not parse', '{ person(', /^The operation does not parse: Syntax Error/],
    ['asks for a field the schema lacks', '{ nowhere }', /^The operation is not valid: Cannot query field "nowhere"/],
    [
      'is a subscription, which the hub serves only on its stream',
      'subscription { __typename }',
      /^The operation is not valid: The subscription operation is not supported by the schema\.$/,
    ],
    ['names no operation of several', 'query A { __typename } query B { __typename }', /operationName/],
  ])('one that %s is refused as bad input', async (_, text, message) => {
    const { body } = await queryAs(hub, partners.customsOfficer, null, {
      query: explainQuery,
      variables: { operation: text, purpose: 'border-control' },
    });
    expect(body.data).toEqual({ explain: null });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(message);
  });
});
