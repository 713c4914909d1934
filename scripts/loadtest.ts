import { parseArgs } from 'node:util';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { issueToken, type TokenRequest } from '@tessera/demo';
import { startScratchHub } from './startScratchHub.ts';
import { runLoad } from './runLoad.ts';
import { sqlAt } from '@tessera/hub';

// A bounded load test on loopback: N partners at once for a fixed time, a realistic mix of requests,
// then the checks that matter: no 5xx, every answer the one that partner gets alone, one
// consultation record per request, and every audit chain intact.
const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    size: { type: 'string', default: '2000' },
  },
});
const concurrency = Math.min(200, Math.max(1, Number(values.concurrency)));
const seconds = Math.min(600, Math.max(1, Number(values.seconds)));
const size = Math.max(100, Number(values.size));

const { hub, idp, databaseUrls, stop } = await startScratchHub(size);

interface Scenario {
  readonly name: string;
  readonly partner: Omit<TokenRequest, 'ttlSeconds'>;
  readonly purpose: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}
const someone = (index: number) => nationalIdOf(index);
const partner = (
  agency: TokenRequest['agency'],
  role: TokenRequest['roles'][number],
  extra: Partial<TokenRequest> = {},
) => ({
  subject: `${agency}-${role}-load`,
  agency,
  roles: [role],
  clearance: 'SECRET' as const,
  privileges: ['sworn' as const, 'intelligence-certified' as const],
  ...extra,
});
const scenarios: Scenario[] = [
  {
    name: 'police investigator: one person, all agencies',
    partner: partner('police', 'investigator'),
    purpose: 'criminal-investigation',
    query: `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } incidents { category } intelligenceReports { summary } } customs { crossings { port } } probation { supervisionOrders { riskLevel } } } }`,
    variables: { id: nationalIdOf(demoSubjectIndex) },
  },
  {
    name: 'customs officer at the border: markers and travel restrictions, intelligence denied',
    partner: partner('customs', 'officer'),
    purpose: 'border-control',
    query: `query($id: ID!) { person(nationalId: $id) { police { warningMarkers { type } intelligenceReports { summary } } probation { supervisionOrders { endDate conditions { type } } } } }`,
    variables: { id: nationalIdOf(demoSubjectIndex) },
  },
  {
    name: 'offender manager: incidents as a suspect, masked locations',
    partner: partner('probation', 'officer'),
    purpose: 'offender-management',
    query: `query($id: ID!) { person(nationalId: $id) { police { incidents { category incident { type location { district latitude } } } } customs { crossings { travelDocument } } } }`,
    variables: { id: nationalIdOf(demoSubjectIndex) },
  },
  {
    name: 'police analyst: a list of 10 people',
    partner: partner('police', 'analyst'),
    purpose: 'intelligence-analysis',
    query: `query($ids: [ID!]!) { people(nationalIds: $ids) { familyName police { warningMarkers { type } } customs { seizures { goods } } } }`,
    variables: { ids: Array.from({ length: 10 }, (_, index) => someone(index + 1)) },
  },
  {
    name: 'police officer: an area’s recent incidents',
    partner: partner('police', 'officer'),
    purpose: 'criminal-investigation',
    query: `{ recentIncidents(district: "Old Town", limit: 20) { type occurredAt involved { category person { familyName } } } }`,
    variables: {},
  },
];

const tokens = await Promise.all(
  scenarios.map((scenario) => issueToken(idp, { ...scenario.partner, ttlSeconds: 3600 })),
);
const send = async (index: number) => {
  const scenario = scenarios[index]!;
  const response = await fetch(hub.gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[index]}`,
      'x-purpose': scenario.purpose,
      'x-justification': 'load test',
    },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: unknown };
  // Compared without the request id, which differs every time.
  return { status: response.status, answer: JSON.stringify({ data: body.data, errors: body.errors }) };
};

// Each partner's answer alone, before the load: what every answer under load must equal.
const expected: string[] = [];
for (let index = 0; index < scenarios.length; index++) expected.push((await send(index)).answer);

let serverErrors = 0;
const wrong = new Map<string, number>();
const figures = await runLoad(
  async (turn) => {
    const index = turn % scenarios.length;
    const { status, answer } = await send(index);
    if (status >= 500) serverErrors++;
    if (answer !== expected[index]) wrong.set(scenarios[index]!.name, (wrong.get(scenarios[index]!.name) ?? 0) + 1);
  },
  concurrency,
  seconds,
);
const requests = scenarios.length + figures.requests;
const [{ count: consultations }] = (await sqlAt<{ count: number }>(
  databaseUrls.hub!,
  `select count(*)::int as count from hub.audit_log where kind = 'consultation'`,
)) as [{ count: number }];
const integrity = await hub.auditIntegrity();
await stop();

const ok = serverErrors === 0 && wrong.size === 0 && consultations === requests && integrity.ok;
console.log(`load test: ${concurrency} concurrent partners for ${seconds} s, population ${size}, ${scenarios.length} kinds of request
  requests          ${requests} (${figures.perSecond.toFixed(0)}/s)
  latency           p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms
  5xx               ${serverErrors}
  wrong answers     ${wrong.size === 0 ? 0 : [...wrong].map(([name, count]) => `${count} × ${name}`).join('; ')}
  consultations     ${consultations} recorded for ${requests} requests
  audit chains      ${integrity.chains.map((chain) => `${chain.chain} ${chain.records} ${chain.ok ? 'ok' : 'BAD'}`).join(', ')}; reconciliation ${integrity.reconciliation.ok ? 'ok' : 'BAD'}
${ok ? 'PASS' : 'FAIL'}`);
process.exitCode = ok ? 0 : 1;
