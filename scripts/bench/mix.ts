import type { Principal, Purpose } from '@tessera/policies';
import type { RequestIdentity } from '@tessera/runtime';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { devIssuerOf, issueToken, type DevIdentityProvider } from '@tessera/demo';
import { createHttpFetcher } from '@tessera/gateway';
import { identityHeader } from './forwardIdentity.ts';

/** The partners of the mix: each agency's people, each for its own purpose. */
const callers: readonly { principal: Omit<Principal, 'issuer'>; purpose: Purpose }[] = [
  {
    principal: {
      subject: 'bench-investigator',
      agency: 'police',
      roles: ['investigator'],
      clearance: 'SECRET',
      privileges: ['sworn', 'intelligence-certified'],
    },
    purpose: 'criminal-investigation',
  },
  {
    principal: {
      subject: 'bench-customs',
      agency: 'customs',
      roles: ['investigator'],
      clearance: 'OFFICIAL-SENSITIVE',
      privileges: ['intelligence-certified', 'sworn'],
    },
    purpose: 'border-control',
  },
  {
    principal: {
      subject: 'bench-probation',
      agency: 'probation',
      roles: ['officer'],
      clearance: 'OFFICIAL',
      privileges: ['sworn'],
    },
    purpose: 'offender-management',
  },
  {
    principal: {
      subject: 'bench-officer',
      agency: 'police',
      roles: ['officer'],
      clearance: 'OFFICIAL',
      privileges: ['sworn'],
    },
    purpose: 'safeguarding',
  },
];

export const ids = (count: number, offset = 0) =>
  Array.from({ length: count }, (_, index) => nationalIdOf(offset + index));

export interface BenchRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Person lookups, lists of 10 and 100 people, an area's incidents: what partners ask all day. */
export const mix: readonly BenchRequest[] = [
  {
    query: `query($id: ID!) { person(nationalId: $id) { familyName police { warningMarkers { type } incidents { category } } customs { crossings { port } } probation { supervisionOrders { riskLevel } } } }`,
    variables: { id: nationalIdOf(demoSubjectIndex) },
  },
  {
    query: `query($ids: [ID!]!) { people(nationalIds: $ids) { familyName police { warningMarkers { type } } customs { crossings { port } } } }`,
    variables: { ids: ids(10, 100) },
  },
  {
    query: `query($ids: [ID!]!) { people(nationalIds: $ids) { familyName police { warningMarkers { type } } probation { supervisionOrders { riskLevel } } } }`,
    variables: { ids: ids(100, 1000) },
  },
  {
    query: `{ recentIncidents(district: "Old Town", limit: 20) { type occurredAt location { district } } }`,
    variables: {},
  },
];

/** How each caller reaches a gateway: the hub's bearer token and purpose, or a baseline's plain identity header. */
export interface CallerHeaders {
  readonly hub: Record<string, string>;
  readonly baseline: Record<string, string>;
}

export async function callerHeaders(idp: DevIdentityProvider): Promise<CallerHeaders[]> {
  return Promise.all(
    callers.map(async ({ principal, purpose }) => {
      const identity: RequestIdentity = {
        principal: { ...principal, issuer: devIssuerOf(principal.agency) },
        purpose,
        justification: 'benchmark',
        requestId: 'bench',
      };
      const token = await issueToken(idp, { ...principal, ttlSeconds: 3600 });
      return {
        hub: { authorization: `Bearer ${token}`, 'x-purpose': purpose, 'x-justification': 'benchmark' },
        baseline: { [identityHeader]: JSON.stringify(identity), 'apollo-require-preflight': 'true' },
      };
    }),
  );
}

/**
 * The load generator's client: the gateway's own (`http.request` over keep-alive connections). It shares
 * the two cores with what it measures, and Node's fetch cost it about twice the CPU per request.
 */
const fetcher = createHttpFetcher(120_000);

/**
 * Sends one request and checks the answer is a real one: 200, data, and no error but a policy's
 * FORBIDDEN (which each caller meets for what its agreements withhold, through any gateway).
 */
export async function post(url: string, body: BenchRequest, headers: Record<string, string>): Promise<void> {
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let answer: { data?: unknown; errors?: { extensions?: { code?: string } }[] } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Not JSON: reported below with what came.
  }
  const unexpected = (answer.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN');
  if (response.status !== 200 || !answer.data || unexpected.length > 0)
    throw new Error(`unexpected answer ${response.status} from ${url}: ${text.slice(0, 300)}`);
}
