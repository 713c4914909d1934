import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { importJWK } from 'jose';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoSubjectIndex, mintInternalToken, nationalIdOf, type RequestIdentity } from '@tessera/subgraph-kit';
import { startBareGateway } from './bench/startBareGateway.ts';
import { issueToken } from './devIdentityProvider.ts';
import { runLoad, type LoadFigures } from './runLoad.ts';
import { startScratchHub } from './startScratchHub.ts';

// The cost of trust, measured side by side in one run: the same subgraphs behind a bare gateway and
// behind the hub, the gateway's own hop, statements per request, memory. Loopback only, bounded.
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
  },
});
const size = Math.max(1000, Number(values.size));
const seconds = Math.max(2, Number(values.seconds));
const concurrency = Math.max(1, Number(values.concurrency));

const seedStarted = performance.now();
const { hub, idp, stop } = await startScratchHub(size, { MAX_COST: '100000000' });
const seedSeconds = (performance.now() - seedStarted) / 1000;
const seededRows = Object.values(hub.seeded).reduce(
  (sum, tables) => sum + Object.values(tables).reduce((a, b) => a + b, 0),
  0,
);

const principal = {
  subject: 'bench',
  agency: 'police' as const,
  roles: ['investigator' as const],
  clearance: 'SECRET' as const,
  privileges: ['sworn' as const],
};
const token = await issueToken(idp, { ...principal, ttlSeconds: 3600 });
const identity: RequestIdentity = {
  principal: { ...principal, issuer: idp.issuer },
  purpose: 'criminal-investigation',
  justification: 'benchmark',
  requestId: 'bench',
};
const bare = await startBareGateway(
  Object.fromEntries(hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
  hub.internalSigningKeyFile,
  identity,
);

const ids = (count: number, offset = 0) => Array.from({ length: count }, (_, index) => nationalIdOf(offset + index));
const mix = [
  {
    query: `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } incidents { category } } customs { crossings { port } } probation { supervisionOrders { riskLevel } } } }`,
    variables: { id: nationalIdOf(demoSubjectIndex) },
  },
  {
    query: `query($ids: [ID!]!) { people(nationalIds: $ids) { familyName police { warningMarkers { type } } customs { crossings { port } } } }`,
    variables: { ids: ids(10, 100) },
  },
  {
    query: `query($ids: [ID!]!) { people(nationalIds: $ids) { familyName police { warningMarkers { type } } } }`,
    variables: { ids: ids(100, 1000) },
  },
  {
    query: `{ recentIncidents(district: "Old Town", limit: 20) { type occurredAt location { district } } }`,
    variables: {},
  },
];
const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`unexpected answer ${response.status}: ${text.slice(0, 300)}`);
};
const hubHeaders = {
  authorization: `Bearer ${token}`,
  'x-purpose': 'criminal-investigation',
  'x-justification': 'benchmark',
};
const through = {
  bare: (turn: number) => post(bare.url, mix[turn % mix.length], { 'apollo-require-preflight': 'true' }),
  hub: (turn: number) => post(hub.gateway.url, mix[turn % mix.length], hubHeaders),
};

// Warm both (plans, pools, JIT), then alternate them so that neither gets the machine at its best.
await runLoad(through.bare, concurrency, 2);
await runLoad(through.hub, concurrency, 2);
const rounds: Record<'bare' | 'hub', LoadFigures[]> = { bare: [], hub: [] };
for (let round = 0; round < 2; round++) {
  rounds.bare.push(await runLoad(through.bare, concurrency, seconds / 2));
  rounds.hub.push(await runLoad(through.hub, concurrency, seconds / 2));
}
const combine = (figures: LoadFigures[]) => ({
  perSecond: figures.reduce((sum, figure) => sum + figure.perSecond, 0) / figures.length,
  p50: Math.max(...figures.map((figure) => figure.p50)),
  p99: Math.max(...figures.map((figure) => figure.p99)),
});
const bareFigures = combine(rounds.bare);
const hubFigures = combine(rounds.hub);

// The hop: one subgraph's own query, directly and through the hub.
const police = hub.subgraphs.find((subgraph) => subgraph.name === 'police')!;
const internalKey = await importJWK(JSON.parse(await readFile(hub.internalSigningKeyFile, 'utf8')), 'EdDSA');
const direct = async () =>
  post(
    police.url,
    {
      query: `{ _entities(representations: [{ __typename: "Person", nationalId: "${nationalIdOf(demoSubjectIndex)}" }]) { ... on Person { police { warningMarkers { type } } } } }`,
    },
    { authorization: `Bearer ${await mintInternalToken(identity, 'police', internalKey)}` },
  );
const viaHub = () =>
  post(
    hub.gateway.url,
    { query: `{ person(nationalId: "${nationalIdOf(demoSubjectIndex)}") { police { warningMarkers { type } } } }` },
    hubHeaders,
  );
const hopDirect = await runLoad(direct, 1, seconds / 4);
const hopHub = await runLoad(viaHub, 1, seconds / 4);

// Statements per request for lists of 1, 10, 100 and 1,000 people.
const statements: Record<number, Record<string, number>> = {};
for (const count of [1, 10, 100, 1000]) {
  const before = Object.fromEntries(hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.database.statements()]));
  await post(hub.gateway.url, { query: mix[1]!.query, variables: { ids: ids(count) } }, hubHeaders);
  statements[count] = Object.fromEntries(
    hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.database.statements() - before[subgraph.name]!]),
  );
}

const peakRss = process.resourceUsage().maxRSS / 1024;
await bare.stop();
await stop();

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const row = (name: string, figures: { perSecond: number; p50: number; p99: number }) =>
  `| ${name} | ${figures.perSecond.toFixed(0)} | ${figures.p50.toFixed(1)} | ${figures.p99.toFixed(1)} |`;
const table = [
  `# Benchmark`,
  '',
  `${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; population ${size}` +
    ` (seeded ${seededRows} rows in ${seedSeconds.toFixed(1)} s, ${(seededRows / seedSeconds).toFixed(0)} rows/s, the hub started with it);` +
    ` ${concurrency} concurrent clients, ${seconds} s per gateway in alternating halves, PostgreSQL on loopback.`,
  '',
  '## Overhead of enforcement (same subgraphs, same mix)',
  '',
  '| gateway | requests/s | p50 ms | p99 ms |',
  '| --- | --- | --- | --- |',
  row('(a) bare @apollo/gateway, no policy, no audit', bareFigures),
  row('(b) the hub: authentication, purpose, policy filter, internal tokens, audit', hubFigures),
  `| **b/a throughput** | **${(hubFigures.perSecond / bareFigures.perSecond).toFixed(2)}** | | |`,
  '',
  '## The hop (one subgraph, one client at a time)',
  '',
  '| path | requests/s | p50 ms | p99 ms |',
  '| --- | --- | --- | --- |',
  row('police subgraph directly (`_entities`)', hopDirect),
  row('through the hub (`person { police }`)', hopHub),
  '',
  '## SQL statements per request (a list of people across the agencies)',
  '',
  `| people | ${hub.subgraphs.map((subgraph) => subgraph.name).join(' | ')} |`,
  `| --- | ${hub.subgraphs.map(() => '---').join(' | ')} |`,
  ...Object.entries(statements).map(
    ([count, bySubgraph]) => `| ${count} | ${hub.subgraphs.map((subgraph) => bySubgraph[subgraph.name]).join(' | ')} |`,
  ),
  '',
  `## Memory`,
  '',
  `Peak RSS of the one bench process (hub, subgraphs, bare gateway, load generator): ${peakRss.toFixed(0)} MiB.`,
  '',
].join('\n');
console.log(table);
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true });
await writeFile(new URL('../bench/results/latest.md', import.meta.url), table);
