import fc from 'fast-check';
import { cellToParent, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sqlAt } from '@tessera/hub';
import { aggregateClauseFor, defaultK } from '@tessera/policies';
import { callerArbitrary, callerAsArbitrary } from '../policies/tests/arbitraries.ts';
import { answerFromAtoms, type Atom } from '@tessera/subgraph-kit';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';

// The shared picture of where: a city's incidents per hexagon for a quarter, as GeoJSON, each owner's
// counts under its own aggregate clause, counts under k withheld.
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const analyst: Partner = { agency: 'police', roles: ['analyst'], clearance: 'OFFICIAL', privileges: [] };
const customsAnalyst: Partner = { agency: 'customs', roles: ['analyst'], clearance: 'OFFICIAL', privileges: [] };
const city = { south: 51.4, west: -0.3, north: 51.62, east: 0.1 };
const quarter = { from: '2026-08-01', to: '2026-11-01' };
const mapQuery = `query($area: AreaInput!, $from: String!, $to: String!, $categories: [String!], $resolution: Int!) {
  hotspots(area: $area, from: $from, to: $to, categories: $categories, resolution: $resolution) {
    type
    features { type geometry { type coordinates } properties { cell owner dataset count suppressed } }
    sources { owner dataset clause legalBasis k resolution from to withheld }
  } }`;
interface HotspotMap {
  type: string;
  features: {
    type: string;
    geometry: { type: string; coordinates: number[][][] };
    properties: { cell: string; owner: string; dataset: string; count: number | null; suppressed: boolean };
  }[];
  sources: {
    owner: string;
    dataset: string;
    clause: string | null;
    k: number | null;
    resolution: number | null;
    from: string;
  }[];
}
const hotspots = async (
  partner: Partner,
  purpose: string,
  variables: { resolution: number; categories?: string[]; from?: string; to?: string },
) => {
  const { body } = await queryAs(hub, partner, purpose, {
    query: mapQuery,
    variables: { area: city, ...quarter, ...variables },
  });
  return { map: (body.data as any)?.hotspots as HotspotMap | null, code: body.errors?.[0]?.extensions?.code };
};

test('an analyst gets a city’s hotspots for a quarter as GeoJSON, suppressed hexagons marked as such', async () => {
  const { map, code } = await hotspots(analyst, 'intelligence-analysis', { resolution: 9 });
  expect(code).toBeUndefined();
  expect(map!.type).toBe('FeatureCollection');
  expect(map!.sources).toContainEqual(
    expect.objectContaining({ owner: 'police', clause: 'police-11.1', k: 5, resolution: 9, from: '2026-08-01' }),
  );
  // Customs release seizures to police analysts by port area only (resolution 7): at 9, nothing, and why.
  expect(map!.sources).toContainEqual(
    expect.objectContaining({ owner: 'customs', clause: null, withheld: expect.stringContaining('customs-9.2') }),
  );
  const shown = map!.features.filter((feature) => feature.properties.count !== null);
  const suppressed = map!.features.filter((feature) => feature.properties.suppressed);
  expect(shown.length).toBeGreaterThan(0);
  expect(suppressed.length).toBeGreaterThan(0);
  for (const feature of map!.features) {
    expect(feature.type).toBe('Feature');
    expect(feature.geometry.type).toBe('Polygon');
    const [ring] = feature.geometry.coordinates;
    expect(ring!.length).toBeGreaterThanOrEqual(7);
    expect(ring![0]).toEqual(ring![ring!.length - 1]);
    // Every figure is a sum of counts of at least k.
    if (feature.properties.count !== null) expect(feature.properties.count).toBeGreaterThanOrEqual(5);
  }
  // The drug-supply cluster planted at the Harbourside marina shows, counted.
  const marina = latLngToCell(51.4985, 0.0215, 9);
  const drugs = await hotspots(analyst, 'intelligence-analysis', { resolution: 8, categories: ['drug supply'] });
  expect(drugs.map!.features.find((feature) => feature.properties.cell === cellToParent(marina, 8))).toMatchObject({
    properties: { count: expect.any(Number) },
  });
});

test('the owner’s answer is the reference answer from its own counts, at the clause’s resolution and coarser', async () => {
  const atoms = (
    await sqlAt<{ cell: string; month: string; category: string; n: number; latitude: number; longitude: number }>(
      hub.databaseUrls.police!,
      `select cell, to_char(month, 'YYYY-MM-DD') as month, category, n, latitude, longitude from police.rollup
        where dataset = 'incidents' and res = 9`,
    )
  ).map((row) => ({ ...row, n: Number(row.n) }));
  const inCity = new Set(
    atoms
      .filter((atom) => atom.latitude >= city.south && atom.latitude <= city.north)
      .filter((atom) => atom.longitude >= city.west && atom.longitude <= city.east)
      .map((atom) => atom.cell),
  );
  for (const resolution of [9, 7]) {
    const { map } = await hotspots(analyst, 'intelligence-analysis', { resolution });
    const expected = answerFromAtoms(atoms as Atom[], 5, {
      months: ['2026-08-01', '2026-09-01', '2026-10-01'],
      categories: [...new Set(atoms.map((atom) => atom.category))],
      cells: (cell) => inCity.has(cell),
      answerCell: (cell) => (resolution === 9 ? cell : cellToParent(cell, resolution)),
    });
    expect(
      map!.features
        .map((feature) => feature.properties)
        .filter((properties) => properties.owner === 'police')
        .map(({ cell, count, suppressed }) => ({ cell, count, suppressed })),
    ).toEqual(expected);
  }
});

test('a customs analyst gets only what the police–customs clause allows', async () => {
  const fine = await hotspots(customsAnalyst, 'intelligence-analysis', { resolution: 9 });
  expect(fine.map!.sources).toContainEqual(
    expect.objectContaining({ owner: 'police', withheld: expect.stringContaining('resolution 7') }),
  );
  expect(fine.map!.features.every((feature) => feature.properties.owner === 'customs')).toBe(true);
  const other = await hotspots(customsAnalyst, 'intelligence-analysis', { resolution: 7, categories: ['burglary'] });
  expect(other.map!.sources).toContainEqual(
    expect.objectContaining({ owner: 'police', withheld: expect.stringContaining('burglary') }),
  );
  const { map } = await hotspots(customsAnalyst, 'intelligence-analysis', { resolution: 7 });
  expect(map!.sources).toContainEqual(expect.objectContaining({ clause: 'police-11.2', k: 10, resolution: 7 }));
  const police = map!.features.filter((feature) => feature.properties.owner === 'police');
  expect(police.length).toBeGreaterThan(0);
  for (const feature of police) {
    if (feature.properties.count !== null) expect(feature.properties.count).toBeGreaterThanOrEqual(10);
  }
  expect((await hotspots(partners.customsOfficer, 'border-control', { resolution: 7 })).code).toBe('FORBIDDEN');
});

test('any caller gets counts only under a clause that names it, each at least the clause’s k', async () => {
  // Half of them analysts of the police and customs asking for analysis: the callers aggregate clauses name.
  const analysts = callerAsArbitrary(['police', 'customs'], 'analyst', [
    'intelligence-analysis',
    'criminal-investigation',
    'border-control',
  ]);
  let mapsGiven = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(callerArbitrary, analysts),
      fc.constantFrom(6, 7, 8),
      async ([principal, purpose], resolution) => {
        const { status, body } = await queryAs(hub, principal, purpose, {
          query: mapQuery,
          variables: { area: city, ...quarter, resolution },
        });
        expect(status).toBeLessThan(500);
        const map = (body.data as { hotspots?: HotspotMap | null } | null | undefined)?.hotspots;
        if (!map) {
          expect(body.errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|PURPOSE_.*|PERSISTED_QUERY_NOT_IN_LIST)$/);
          return;
        }
        mapsGiven++;
        const clauseOf = (owner: string, dataset: string) =>
          purpose === null ? undefined : aggregateClauseFor(principal, purpose, owner, dataset);
        for (const source of map.sources) {
          const clause = clauseOf(source.owner, source.dataset);
          expect(source.clause).toBe(clause && clause.resolution >= resolution ? clause.id : null);
        }
        for (const { properties } of map.features) {
          const clause = clauseOf(properties.owner, properties.dataset);
          expect(clause, `${properties.owner} ${properties.dataset}`).toBeDefined();
          expect(clause!.resolution).toBeGreaterThanOrEqual(resolution);
          if (properties.count !== null) expect(properties.count).toBeGreaterThanOrEqual(clause!.k ?? defaultK);
        }
      },
    ),
    { numRuns: 100 },
  );
  expect(mapsGiven).toBeGreaterThan(10);
});

test('narrow or malformed questions are refused, each problem named', async () => {
  const narrow = await hotspots(analyst, 'intelligence-analysis', {
    resolution: 9,
    from: '2026-10-05',
    to: '2026-10-20',
  });
  expect(narrow.code).toBe('BAD_USER_INPUT');
  const { body } = await queryAs(hub, analyst, 'intelligence-analysis', {
    query: mapQuery,
    variables: { area: { south: 52, west: 1, north: 51, east: 0 }, from: 'x', to: 'y', resolution: 12 },
  });
  expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(body.errors?.[0]?.message).toMatch(/area.*from, to.*resolution/);
});

test('a recorded incident is counted at once, and every answer is in the owner’s audit chain', async () => {
  const place = { latitude: 51.5301, longitude: -0.0123 };
  const cell = latLngToCell(place.latitude, place.longitude, 9);
  const count = async () =>
    Number(
      (
        await sqlAt<{ n: number }>(
          hub.databaseUrls.police!,
          `select coalesce(sum(n), 0) as n from police.rollup where dataset = 'incidents' and res = 9 and cell = $1`,
          [cell],
        )
      )[0]!.n,
    );
  const before = await count();
  const recorded = await queryAs(hub, partners.policeOfficer, 'criminal-investigation', {
    query: `mutation($i: IncidentInput!) { recordIncident(incident: $i) { id } }`,
    variables: {
      i: {
        type: 'burglary',
        occurredAt: new Date().toISOString(),
        ...place,
        district: 'Eastfield',
        people: [{ nationalId: 'AB1234567', category: 'victim' }],
      },
    },
  });
  expect(recorded.body.errors).toBeUndefined();
  expect(await count()).toBe(before + 1);
  const [entry] = await sqlAt<{ entry: string }>(
    hub.databaseUrls.police!,
    `select entry from police.audit_log where kind = 'aggregate' order by seq desc limit 1`,
  );
  expect(JSON.parse(entry!.entry)).toMatchObject({ kind: 'aggregate', dataset: 'incidents', people: [] });
});

test('trends flag the planted emerging cluster', async () => {
  const { body } = await queryAs(hub, analyst, 'intelligence-analysis', {
    query: `query($area: AreaInput!) { trends(area: $area, from: "2026-08-01", to: "2026-11-01", resolution: 8) {
      sources { owner clause withheld } cells { cell owner category current previous yearAgo pValue flag } } }`,
    variables: { area: city },
  });
  expect(body.errors).toBeUndefined();
  const cells = (body.data as any).trends.cells as {
    cell: string;
    owner: string;
    category: string;
    current: number | null;
    flag: string;
    pValue: number;
  }[];
  const marina = cellToParent(latLngToCell(51.4985, 0.0215, 9), 8);
  expect(cells.find((cell) => cell.cell === marina && cell.category === 'drug supply')).toMatchObject({
    owner: 'police',
    flag: 'EMERGING',
  });
  // Nothing released under k: every count given is at least k.
  for (const cell of cells) if (cell.current !== null) expect(cell.current).toBeGreaterThanOrEqual(5);
});

test('the forecast names next month’s hotspots and carries its evaluation against the naive baseline', async () => {
  const { body } = await queryAs(hub, analyst, 'intelligence-analysis', {
    query: `query($area: AreaInput!) { forecast(area: $area, month: "2026-11-01", resolution: 8) {
      month method hotspots { cell owner score } evaluations { owner dataset months hitRate pai naiveHitRate naivePai } } }`,
    variables: { area: city },
  });
  expect(body.errors).toBeUndefined();
  const forecast = (body.data as any).forecast;
  expect(forecast.month).toBe('2026-11-01');
  expect(forecast.method).toContain('half-life');
  expect(forecast.hotspots.length).toBeGreaterThan(0);
  const police = forecast.evaluations.find((evaluation: any) => evaluation.owner === 'police');
  console.info(`forecast evaluation (police incidents, test population): ${JSON.stringify(police)}`);
  expect(police.months).toBe(6);
  // Better than chance: the predicted hexagons hold more events than their share of the area.
  expect(police.pai).toBeGreaterThan(1);
});
