import { performance } from 'node:perf_hooks';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { gatewayDefaults } from '@tessera/gateway';
import { districts } from '@tessera/police';
import { createLogger, mintInternalToken, readPrivateKey, type RequestIdentity } from '@tessera/runtime';
import { nationalIdOf } from '@tessera/demo';
import { identityHeader } from './bench/forwardIdentity.ts';
import { callerHeaders, ids, mix, post } from './bench/mix.ts';
import { renderReport, type GrowthFigures, type HitFigures } from './bench/renderReport.ts';
import { startFleet, type Fleet, type GatewayKind } from './bench/startFleet.ts';
import { inTurns } from './bench/inTurns.ts';
import { measureAuditAtScale } from './bench/auditAtScale.ts';
import { measureAuditCeiling } from './bench/auditCeiling.ts';
import { measureSqlFloor } from './bench/sqlFloor.ts';
import { measureAlerts } from './bench/alertLatency.ts';
import { startHub } from '@tessera/hub';

// The cost of trust, measured side by side in one run: the same subgraphs, each its own process, behind
// a bare gateway, behind Hive Gateway and behind the hub; the gateway's own hop; statements per
// request; growth with the population; each process's peak memory. Loopback only, bounded.
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    growth: { type: 'string', default: '10000,100000,1000000' },
    profile: { type: 'string' },
    'audit-records': { type: 'string', default: '1000000' },
    'alert-rate': { type: 'string', default: '200' },
    watches: { type: 'string', default: '1000' },
  },
});
const size = Math.max(1000, Number(values.size));
const seconds = Math.max(2, Number(values.seconds));
const concurrency = Math.max(1, Number(values.concurrency));
const growthSizes =
  values.growth === 'none'
    ? []
    : values.growth
        .split(',')
        .map((value) => Math.max(1000, Number(value)))
        .sort((a, b) => a - b);
if ([size, seconds, concurrency, ...growthSizes].some((value) => !Number.isFinite(value)))
  throw new Error('--size, --seconds, --concurrency and --growth take numbers (--growth: a list, or none)');

/** The bulk check a border post runs: who holds anything on each traveller. */
const hitsQuery = `query($ids: [ID!]!) { hits(nationalIds: $ids) { subject police { kinds contact reference } probation { kinds contact reference } } }`;

const gatewayKinds: readonly GatewayKind[] = ['bare-stack', 'bare', 'hive', 'hive-rust', 'hub'];
const fleet = await startFleet(size, gatewayKinds, values.profile && resolve(values.profile));
let measured: Awaited<ReturnType<typeof measureFleet>>;
try {
  measured = await measureFleet(fleet);
} finally {
  await fleet.stop();
}
// Growth on fleets of their own, all running at once and measured in turns, so that each size gets the
// same warm-up and the machine's moods fall on all of them alike.
const growth = await measureGrowth(growthSizes);
const audit = await measureAuditAtScale(Math.max(1000, Number(values['audit-records'])));
const auditCeiling = await measureAuditCeiling();
const alerts = await measureAlerts({
  population: 1000,
  watches: Math.max(10, Number(values.watches)),
  rate: Math.max(1, Number(values['alert-rate'])),
  seconds,
});

const report = renderReport({
  size,
  seconds,
  concurrency,
  seeding: { rows: fleet.seededRows, seconds: fleet.seedSeconds },
  ...measured,
  growth,
  audit,
  auditCeiling,
  alerts,
  peakRss: {
    ...measured.peakRss,
    'bench (load generator; the in-process hub that counts statements)': process.resourceUsage().maxRSS / 1024,
  },
});
console.log(report);
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true });
await writeFile(new URL('../bench/results/latest.md', import.meta.url), report);

/** What is measured on the fleet at the chosen size: overhead, hop, memory, statements. */
async function measureFleet(target: Fleet) {
  const callers = await callerHeaders(target.idp);
  const send = (kind: GatewayKind) => (turn: number) => {
    const caller = callers[Math.floor(turn / mix.length) % callers.length]!;
    return post(target.gatewayUrls[kind]!, mix[turn % mix.length]!, kind === 'hub' ? caller.hub : caller.baseline);
  };
  const overhead = await inTurns(
    {
      'bare-stack': send('bare-stack'),
      bare: send('bare'),
      hive: send('hive'),
      'hive-rust': send('hive-rust'),
      hub: send('hub'),
    },
    { concurrency, seconds: seconds / 2, turns: 2 },
    target.cpu,
  );

  // The audit logs grew by many thousands of records above: one client at a time would otherwise meet
  // their vacuum and checkpoint on its way, on whichever path was running then.
  await target.settle();
  // The hop: one police query, asked of the police subgraph directly (with the internal token the hub
  // would sign) and through the hub, which adds authentication, purpose, policy, planning and audit.
  const investigator = callers[0]!;
  const internalKey = await readPrivateKey(target.internalSigningKeyFile);
  const identity = JSON.parse(investigator.baseline[identityHeader]!) as RequestIdentity;
  const areaQuery = { query: mix[3]!.query, variables: {} };
  const direct = async () =>
    post(target.subgraphUrls.police!, areaQuery, {
      authorization: `Bearer ${await mintInternalToken(identity, 'police', internalKey)}`,
    });
  const viaHub = () => post(target.gatewayUrls.hub!, areaQuery, investigator.hub);
  // What a gateway costs at all on this machine: the same query through bare @apollo/gateway and the fastest peer.
  const via = (kind: GatewayKind) => () => post(target.gatewayUrls[kind]!, areaQuery, investigator.baseline);
  const hop = await inTurns(
    { direct, hub: viaHub, bare: via('bare'), fastest: via('hive-rust') },
    { concurrency: 1, seconds: seconds / 6, turns: 3 },
  );

  const peakRss = await target.peakRss();
  await target.stopServices();
  // Statements per request are a property of the code, counted by the database handles: the hub runs in
  // this process over the same databases for it.
  const { statements, hits, floor } = await countStatements(
    target,
    callers.map((caller) => caller.hub),
    callers[1]!.hub,
  );
  return { overhead, hop, peakRss, statements, hits, floor };
}

/**
 * p50 of a person lookup and of an area's latest incidents at each size: the median of three turns. The
 * people looked up are the same at every size (spread over the smallest population, whose citizens and
 * records every larger one holds too), so each lookup asks for the same records of a larger database.
 */
async function measureGrowth(sizes: readonly number[]): Promise<GrowthFigures[]> {
  const fleets: Fleet[] = [];
  try {
    for (const growthSize of sizes) fleets.push(await startFleet(growthSize, ['hub']));
    const probes = await Promise.all(fleets.map(growthProbes));
    const figures = await inTurns(Object.assign({}, ...probes) as Record<string, (turn: number) => Promise<void>>, {
      concurrency: 1,
      seconds: seconds / 6,
      turns: 3,
    });
    return fleets.map((fleet) => ({
      size: fleet.size,
      seededRows: fleet.seededRows,
      seedSeconds: fleet.seedSeconds,
      personLookupP50: figures[`lookup ${fleet.size}`]!.p50,
      areaListP50: figures[`area ${fleet.size}`]!.p50,
      hotspotsP50: figures[`hotspots ${fleet.size}`]!.p50,
    }));
  } finally {
    for (const fleet of fleets) await fleet.stop();
  }
}

async function growthProbes(target: Fleet) {
  const hub = target.gatewayUrls.hub!;
  const investigator = (await callerHeaders(target.idp))[0]!;
  return {
    [`lookup ${target.size}`]: (turn: number) =>
      post(
        hub,
        {
          query: `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } incidents { category } } customs { crossings { port } } probation { supervisionOrders { riskLevel } } } }`,
          variables: { id: nationalIdOf((turn * 7919) % growthSizes[0]!) },
        },
        investigator.hub,
      ),
    // A year of a city's incidents as hotspots: read from the owner's rollups, whatever the number of incidents.
    [`hotspots ${target.size}`]: () =>
      post(
        hub,
        {
          query: `query($area: AreaInput!) { hotspots(area: $area, from: "2025-11-01", to: "2026-11-01", resolution: 8) { features { properties { cell count suppressed } } } }`,
          variables: { area: { south: 51.4, west: -0.3, north: 51.62, east: 0.1 } },
        },
        investigator.hub,
      ),
    [`area ${target.size}`]: (turn: number) =>
      post(
        hub,
        {
          query: `query($district: String!) { recentIncidents(district: $district, limit: 20) { type occurredAt location { district } } }`,
          variables: { district: districts[turn % districts.length]!.name },
        },
        investigator.hub,
      ),
  };
}

async function countStatements(
  target: Fleet,
  callerHeaders: readonly Record<string, string>[],
  borderHeaders: Record<string, string>,
): Promise<{
  statements: Record<number, Record<string, number>>;
  hits: Record<number, HitFigures>;
  floor: Awaited<ReturnType<typeof measureSqlFloor>>;
}> {
  const headers = callerHeaders[0]!;
  const keyFolder = await mkdtemp(join(tmpdir(), 'tessera-bench-statements-'));
  const hub = await startHub({
    databases: Object.fromEntries(Object.entries(target.databaseUrls).map(([name, url]) => [name, { url }])),
    trustedIssuers: target.idp.trustedIssuers,
    seedSize: 0,
    seed: 1,
    gatewayPort: 0,
    keyFolder,
    gateway: {
      rateLimits: {
        perPrincipal: { burst: 1_000_000, perSecond: 1_000_000 },
        perAgency: { burst: 1_000_000, perSecond: 1_000_000 },
        hitSubjects: { burst: 1_000_000, perSecond: 1_000_000 },
      },
      limits: { ...gatewayDefaults.limits, maxCost: 100_000_000 },
    },
    logLevel: 'error',
    logger: createLogger('bench', 'error'),
  });
  try {
    const statementsOf = async (request: () => Promise<void>) => {
      const before = Object.fromEntries(
        hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.database.statements()]),
      );
      await request();
      return Object.fromEntries(
        hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.database.statements() - before[subgraph.name]!]),
      );
    };
    const statements: Record<number, Record<string, number>> = {};
    for (const count of [1, 10, 100, 1000]) {
      statements[count] = await statementsOf(() =>
        post(hub.gateway.url, { query: mix[1]!.query, variables: { ids: ids(count) } }, headers),
      );
    }
    // A bulk hit/no-hit check, as a border post runs it: statements per owner, and the median of nine.
    const hits: Record<number, HitFigures> = {};
    for (const count of [1, 100, 1000]) {
      const check = () => post(hub.gateway.url, { query: hitsQuery, variables: { ids: ids(count) } }, borderHeaders);
      const hitStatements = await statementsOf(check);
      const times: number[] = [];
      for (let run = 0; run < 9; run++) {
        const started = performance.now();
        await check();
        times.push(performance.now() - started);
      }
      hits[count] = { statements: hitStatements, p50Ms: times.sort((a, b) => a - b)[4]! };
    }
    // The floor: every request of the mix, as each partner asks it, reduced to its SQL and replayed.
    const floor = await measureSqlFloor(
      callerHeaders.flatMap((caller) => mix.map((request) => () => post(hub.gateway.url, request, caller))),
      target.databaseUrls,
      concurrency,
      seconds / 2,
    );
    return { statements, hits, floor };
  } finally {
    await hub.stop();
    await rm(keyFolder, { recursive: true, force: true });
  }
}
