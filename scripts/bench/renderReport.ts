import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type { LoadFigures } from '../runLoad.ts';
import type { AuditFigures } from './auditAtScale.ts';
import type { AuditCeilingFigures } from './auditCeiling.ts';
import type { AlertFigures } from './alertLatency.ts';
import type { GatewayKind } from './startFleet.ts';
import type { FloorFigures, FloorPart, FloorPartFigures } from './sqlFloor.ts';

export interface GrowthFigures {
  readonly size: number;
  readonly seededRows: number;
  readonly seedSeconds: number;
  readonly personLookupP50: number;
  readonly areaListP50: number;
  /** A city's hotspots for a year (resolution 8). */
  readonly hotspotsP50: number;
}

/** A hit/no-hit check of N subjects: SQL statements per owner, and its median time. */
export interface HitFigures {
  readonly statements: Record<string, number>;
  readonly p50Ms: number;
}

export interface BenchFigures {
  readonly size: number;
  readonly seconds: number;
  readonly concurrency: number;
  readonly seeding: { readonly rows: number; readonly seconds: number };
  readonly overhead: Record<GatewayKind, LoadFigures & { cpuMsPerRequest?: Record<string, number> }>;
  readonly hop: Record<'direct' | 'hub' | 'bare' | 'fastest', LoadFigures>;
  readonly statements: Record<number, Record<string, number>>;
  readonly hits: Record<number, HitFigures>;
  /** The mix's own SQL statements replayed with pg at the same concurrency, whole and part by part. */
  readonly floor: FloorFigures;
  readonly growth: readonly GrowthFigures[];
  readonly peakRss: Record<string, number>;
  readonly audit: AuditFigures;
  readonly auditCeiling: AuditCeilingFigures;
  readonly alerts: AlertFigures;
}

const gatewayNames: Record<GatewayKind, string> = {
  'bare-stack':
    'the bare stack: bare @apollo/gateway over subgraphs with no owner rules, no disclosure log, no token check',
  bare: '(a) bare @apollo/gateway: no policy, no audit, identity forwarded as a plain header',
  hive: 'reference peer: Hive Gateway runtime, same supergraph, no policy, no audit',
  'hive-rust': 'fastest peer: Hive Gateway runtime with its Rust query planner, no policy, no audit',
  hub: '(b) the hub: authentication, purpose, policy filter, internal tokens, audit',
};

/** The bench's Markdown report: what `pnpm bench` prints and writes to bench/results/latest.md. */
export function renderReport(figures: BenchFigures): string {
  const { overhead, growth } = figures;
  const row = (name: string, load: LoadFigures) =>
    `| ${name} | ${load.perSecond.toFixed(0)} | ${load.p50.toFixed(1)} | ${load.p99.toFixed(1)} |`;
  const hopMs = (path: LoadFigures) => (path.p50 - figures.hop.direct.p50).toFixed(1);
  const subgraphNames = Object.keys(figures.statements[1] ?? {});
  const smallest = growth[0];
  const largest = growth.at(-1);
  return [
    '# Benchmark',
    '',
    `${new Date().toISOString().slice(0, 10)}, commit ${commit()}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB,` +
      ` Node ${process.versions.node}, PostgreSQL on loopback. Population ${figures.size}: ${figures.seeding.rows} rows seeded in` +
      ` ${figures.seeding.seconds.toFixed(1)} s (${rate(figures.seeding.rows, figures.seeding.seconds)} rows/s, COPY, four databases at once).` +
      ` Every subgraph and gateway is its own process.`,
    '',
    '## Overhead of enforcement (same subgraphs, same mix)',
    '',
    `${figures.concurrency} concurrent clients; ${figures.seconds} s per gateway in alternating halves; the mix: a cross-agency`,
    "person, lists of 10 and 100 people, an area's incidents, asked by four partners of three agencies for four purposes.",
    '',
    '| gateway | requests/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- |',
    row(gatewayNames['bare-stack'], overhead['bare-stack']),
    row(gatewayNames.bare, overhead.bare),
    row(gatewayNames.hive, overhead.hive),
    row(gatewayNames['hive-rust'], overhead['hive-rust']),
    row(gatewayNames.hub, overhead.hub),
    `| **full Tessera / the bare stack throughput** | **${(overhead.hub.perSecond / overhead['bare-stack'].perSecond).toFixed(2)}** | | |`,
    `| **b/a throughput** | **${(overhead.hub.perSecond / overhead.bare.perSecond).toFixed(2)}** | | |`,
    `| b/reference peer throughput | ${(overhead.hub.perSecond / overhead.hive.perSecond).toFixed(2)} | | |`,
    `| **b/fastest peer throughput** | **${(overhead.hub.perSecond / overhead['hive-rust'].perSecond).toFixed(2)}** | | |`,
    row(
      `the floor: the mix's own SQL (${figures.floor.statementsPerRequest.toFixed(1)} statements a request, audit appends included) replayed with pg`,
      figures.floor,
    ),
    '',
    ...cpuTable(overhead),
    '',
    ...postgresTable(figures.floor, figures.concurrency),
    '',
    '## The hop (one subgraph, one client at a time, the paths in turns)',
    '',
    '| path | requests/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- |',
    row('police subgraph directly (`recentIncidents`, an internal token)', figures.hop.direct),
    row('the same query through the hub', figures.hop.hub),
    row('the same query through bare @apollo/gateway (a plain identity header, no audit)', figures.hop.bare),
    row('the same query through the fastest peer (Hive Gateway, Rust planner)', figures.hop.fastest),
    '',
    `Hop, p50 over the subgraph directly: the hub ${hopMs(figures.hop.hub)} ms, bare @apollo/gateway ${hopMs(figures.hop.bare)} ms, the fastest peer ${hopMs(figures.hop.fastest)} ms.`,
    '',
    '## SQL statements per request (a list of people across the agencies, audit append included)',
    '',
    `| people | ${subgraphNames.join(' | ')} |`,
    `| --- | ${subgraphNames.map(() => '---').join(' | ')} |`,
    ...Object.entries(figures.statements).map(
      ([count, bySubgraph]) => `| ${count} | ${subgraphNames.map((name) => bySubgraph[name]).join(' | ')} |`,
    ),
    '',
    '## Hit/no-hit checks (a customs officer at the border; statements per owner, disclosure log included)',
    '',
    `| subjects | ${subgraphNames.join(' | ')} | p50 ms |`,
    `| --- | ${subgraphNames.map(() => '---').join(' | ')} | --- |`,
    ...Object.entries(figures.hits).map(
      ([count, hit]) =>
        `| ${count} | ${subgraphNames.map((name) => hit.statements[name]).join(' | ')} | ${hit.p50Ms.toFixed(1)} |`,
    ),
    '',
    '## Growth (through the hub, one client at a time; the sizes in turns, median of three)',
    '',
    '| people | rows seeded | seeding s | rows/s | person lookup p50 ms | area list p50 ms | city-year hotspots p50 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...growth.map(
      (step) =>
        `| ${step.size} | ${step.seededRows} | ${step.seedSeconds.toFixed(1)} | ${rate(step.seededRows, step.seedSeconds)} |` +
        ` ${step.personLookupP50.toFixed(1)} | ${step.areaListP50.toFixed(1)} | ${step.hotspotsP50.toFixed(1)} |`,
    ),
    ...(smallest && largest && largest !== smallest
      ? [
          `| **${largest.size}/${smallest.size}** | | | | **${(largest.personLookupP50 / smallest.personLookupP50).toFixed(2)}** |` +
            ` **${(largest.areaListP50 / smallest.areaListP50).toFixed(2)}** | **${(largest.hotspotsP50 / smallest.hotspotsP50).toFixed(2)}** |`,
        ]
      : []),
    '',
    `## The audit trail's integrity check at ${figures.audit.records} consultation records`,
    '',
    '| step | figure |',
    '| --- | --- |',
    `| chain written with COPY | ${figures.audit.loadSeconds.toFixed(1)} s |`,
    `| full verification from the first record (the background job, \`audit:verify\`) | ${figures.audit.fullSeconds.toFixed(1)} s |`,
    `| **\`auditIntegrity\` after 100 new records (p50 of 5)** | **${figures.audit.checkP50Ms.toFixed(1)} ms** |`,
    '',
    `## The audit's ceiling: ${figures.auditCeiling.processes} gateway processes appending consultation records to one hub database (${figures.auditCeiling.concurrency} requests each, ${figures.auditCeiling.seconds} s; goal: 2,000 records/s)`,
    '',
    '| appends | records/s | append p50 ms | append p99 ms |',
    '| --- | --- | --- | --- |',
    ...Object.entries(figures.auditCeiling.modes).map(
      ([mode, result]) =>
        `| ${mode === 'each' ? 'one statement per record' : '**group commit (the gateway)**'} | ${result.recordsPerSecond.toFixed(0)} | ${result.p50Ms.toFixed(1)} | ${result.p99Ms.toFixed(1)} |`,
    ),
    '',
    `## Alerts: write to alert on an open subscription (${figures.alerts.watches} watches; goal: p99 under 1 s at 200 writes/s)`,
    '',
    '| writes/s asked | writes/s reached | alerts received | latency p50 ms | latency p99 ms |',
    '| --- | --- | --- | --- | --- |',
    ...figures.alerts.phases.map(
      (phase) =>
        `| ${phase.rate.toFixed(0)} | ${phase.reached.toFixed(0)} | ${phase.alerts} of ${phase.writes} | ${phase.p50Ms.toFixed(0)} | ${phase.p99Ms.toFixed(0)} |`,
    ),
    '',
    ...alertCpuTable(figures.alerts),
    '',
    '| owner (its cheapest write, 16 writers, 5 s) | writes/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- |',
    ...Object.entries(figures.alerts.ownerWrites).map(
      ([owner, load]) =>
        `| ${owner} | ${load.perSecond.toFixed(0)} | ${load.p50.toFixed(1)} | ${load.p99.toFixed(1)} |`,
    ),
    '',
    '## Memory (peak RSS of each process during the run)',
    '',
    '| process | peak RSS MiB |',
    '| --- | --- |',
    ...Object.entries(figures.peakRss).map(([name, mib]) => `| ${name} | ${mib.toFixed(0)} |`),
    '',
  ].join('\n');
}

function rate(rows: number, seconds: number): string {
  return (rows / seconds).toFixed(0);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * CPU milliseconds per request of each process, for each gateway's turns: where the time goes. The
 * gateways not being measured idle meanwhile; the total counts every process.
 */
function cpuTable(overhead: BenchFigures['overhead']): string[] {
  const kinds = Object.keys(overhead) as GatewayKind[];
  const samples = kinds.map((kind) => overhead[kind].cpuMsPerRequest ?? {});
  const others = [
    ...new Set(samples.flatMap((sample) => Object.keys(sample).filter((name) => !name.endsWith(' gateway')))),
  ];
  return [
    '### CPU per request, by process (ms, user and system)',
    '',
    `| gateway | its gateway | ${others.join(' | ')} | total |`,
    `| --- | --- | ${others.map(() => '---').join(' | ')} | --- |`,
    ...kinds.map((kind, index) => {
      const sample = samples[index]!;
      const total = Object.values(sample).reduce((sum, ms) => sum + ms, 0);
      const cells = [sample[`${kind} gateway`] ?? 0, ...others.map((name) => sample[name] ?? 0)];
      return `| ${kind} | ${cells.map((ms) => ms.toFixed(1)).join(' | ')} | **${total.toFixed(1)}** |`;
    }),
  ];
}

/** Where a write and its alert spend the CPU, by process (those that used any), at each rate. */
function alertCpuTable(alerts: AlertFigures): string[] {
  const names = [
    ...new Set(
      alerts.phases.flatMap((phase) =>
        Object.entries(phase.cpuMsPerWrite)
          .filter(([, ms]) => ms >= 0.05)
          .map(([name]) => name),
      ),
    ),
  ];
  return [
    '| CPU ms a write and its alert, at writes/s asked | ' + names.join(' | ') + ' | total |',
    `| --- | ${names.map(() => '---').join(' | ')} | --- |`,
    ...alerts.phases.map((phase) => {
      const total = Object.values(phase.cpuMsPerWrite).reduce((sum, ms) => sum + ms, 0);
      const cells = names.map((name) => (phase.cpuMsPerWrite[name] ?? 0).toFixed(2));
      return `| ${phase.rate.toFixed(0)} | ${cells.join(' | ')} | **${total.toFixed(2)}** |`;
    }),
  ];
}

/** What each part of the mix's SQL costs PostgreSQL's CPU, from the floor's statements replayed part by part. */
function postgresTable(floor: FloorFigures, concurrency: number): string[] {
  const names: Record<FloorPart, string> = {
    reads: "the owners' reads (and the hub's grant lookups)",
    'disclosure records': "the owners' disclosure logs: a record per record released",
    'consultation records': "the hub's consultation log: a record per request",
  };
  const row = (name: string, part: FloorPartFigures) =>
    `| ${name} | ${part.statementsPerRequest.toFixed(1)} | ${part.recordsPerRequest.toFixed(1)} | ${part.postgresCpuMs.toFixed(2)} |`;
  const records = Object.values(floor.parts).reduce((total, part) => total + part.recordsPerRequest, 0);
  return [
    "### PostgreSQL's CPU per request of the mix, by what the statements do",
    '',
    "The floor's statements replayed with pg by one client, all of them and then each part alone, in turns, three",
    `rounds (medians). At the mix's concurrency (${concurrency}) a part alone would mislead: each append is replayed as it`,
    "was recorded, on its own, and the appends would wait on each other for their chains' locks, where the services",
    'join concurrent appends into one.',
    '',
    '| statements | a request | audit records a request | PostgreSQL CPU ms a request |',
    '| --- | --- | --- | --- |',
    row('all of them', { ...floor, recordsPerRequest: records }),
    ...(Object.keys(names) as FloorPart[]).map((part) => row(names[part], floor.parts[part])),
  ];
}
