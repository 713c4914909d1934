import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-sse';
import { issueToken, nationalIdOf, type DevIdentityProvider } from '@tessera/demo';
import { processCpuMs } from '@tessera/hub';
import type { Agency, Role } from '@tessera/policies';
import { startNatsServer } from '../../test/fixtures/natsServer.ts';
import { percentile, runLoad, type LoadFigures } from '../runLoad.ts';
import type { CpuSample } from './cpuMeter.ts';
import { post } from './mix.ts';
import { startFleet } from './startFleet.ts';

/** One steady rate of writes, each about a watched person, and how soon their alerts came. */
export interface AlertPhase {
  /** Writes per second asked for, and reached. */
  readonly rate: number;
  readonly reached: number;
  readonly writes: number;
  readonly alerts: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The CPU each process used (ms, user and system) from the first write until the last alert, a write. */
  readonly cpuMsPerWrite: Readonly<Record<string, number>>;
}

export interface AlertFigures {
  readonly watches: number;
  /** A tenth of the rate asked, then the rate asked. */
  readonly phases: readonly AlertPhase[];
  /** Each owner's writes per second at full speed, one writer pool at a time. */
  readonly ownerWrites: Readonly<Record<string, LoadFigures>>;
}

const watchersCount = 10;
const maxPending = 32;

/**
 * Write-to-alert latency: customs officers record crossings at a steady rate, each about one of the
 * watched people; the offender managers watching them (100 watches each) hold open subscriptions over
 * server-sent events, and each alert is timed from the moment its write was answered to its arrival.
 * Every part is its own process, as deployed, over scratch PostgreSQL databases and a NATS server of its own.
 */
export async function measureAlerts(options: {
  readonly population: number;
  readonly watches: number;
  readonly rate: number;
  readonly seconds: number;
}): Promise<AlertFigures> {
  const nats = await startNatsServer();
  const fleet = await startFleet(options.population, ['hub'], undefined, { NATS_URL: nats.url });
  const idp = fleet.idp;
  // Every process of the fleet, and the broker the alerts go through.
  const cpu = async (): Promise<CpuSample> => ({ ...(await fleet.cpu()), NATS: await processCpuMs(nats.pid()!) });
  const streams: ReturnType<typeof createClient>[] = [];
  try {
    const url = fleet.gatewayUrls.hub!;
    const customs = await headers(idp, 'customs', 'officer', 'bench-customs', 'border-control');
    const managers = await Promise.all(
      Array.from({ length: watchersCount }, (_, index) =>
        headers(idp, 'probation', 'officer', `bench-om-${index}`, 'offender-management'),
      ),
    );
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    // Every watch is made before anything is timed: eight at a time.
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let turn = next++; turn < options.watches; turn = next++) {
          await post(
            url,
            {
              query: `mutation($id: ID!, $until: String!) { watch(nationalId: $id, justification: "bench", expiresAt: $until) { id } }`,
              variables: { id: nationalIdOf(turn), until },
            },
            managers[turn % watchersCount]!,
          );
        }
      }),
    );

    // Each alert names its write by the port it carries (released to offender managers by customs-3.1).
    const answeredAt = new Map<string, number>();
    const latencies: number[] = [];
    for (const manager of managers) {
      const client = createClient({
        url: new URL('graphql/stream', url).toString(),
        singleConnection: false,
        headers: manager,
      });
      streams.push(client);
      client.subscribe<{ alerts: { fields: { name: string; value: string }[] } }>(
        { query: `subscription { alerts { fields { name value } } }` },
        {
          next: ({ data }) => {
            const port = data?.alerts.fields.find((field) => field.name === 'port')?.value;
            const answered = port ? answeredAt.get(port) : undefined;
            if (answered !== undefined) latencies.push(performance.now() - answered);
          },
          error: () => {},
          complete: () => {},
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));

    const phase = async (rate: number, label: string): Promise<AlertPhase> => {
      latencies.length = 0;
      const writes = Math.round(rate * options.seconds);
      const cpuBefore = await cpu();
      const started = performance.now();
      // Open loop at the rate asked, but never more than `maxPending` writes waiting: past its capacity the
      // hub is written to as fast as it answers, and the rate reached says so.
      const pending = new Set<Promise<void>>();
      for (let n = 0; n < writes; n++) {
        const due = started + (n * 1000) / rate;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        while (pending.size >= maxPending) await Promise.race(pending);
        const port = `${label}-${n}`;
        const write = post(url, crossing(nationalIdOf(n % options.watches), port), customs).then(() => {
          answeredAt.set(port, performance.now());
        });
        pending.add(write);
        void write.finally(() => pending.delete(write));
      }
      await Promise.all(pending);
      const reached = writes / ((performance.now() - started) / 1000);
      // The backlog drains before anything else is measured: until every alert came, or none for 5 s.
      for (let seen = -1, quiet = 0; latencies.length < writes && quiet < 50;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        quiet = latencies.length === seen ? quiet + 1 : 0;
        seen = latencies.length;
      }
      const cpuAfter = await cpu();
      const cpuMsPerWrite = Object.fromEntries(
        Object.entries(cpuAfter).map(([name, ms]) => [name, (ms - (cpuBefore[name] ?? 0)) / writes]),
      );
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        rate,
        reached,
        writes,
        alerts: sorted.length,
        p50Ms: percentile(sorted, 50) ?? Number.NaN,
        p99Ms: percentile(sorted, 99) ?? Number.NaN,
        cpuMsPerWrite,
      };
    };
    const phases = [await phase(Math.max(1, options.rate / 10), 'light'), await phase(options.rate, 'full')];

    const officer = await headers(idp, 'police', 'officer', 'bench-police', 'criminal-investigation');
    const manager = managers[0]!;
    const ownerWrites = {
      customs: await runLoad((turn) => post(url, crossing(nationalIdOf(turn), `full-${turn}`), customs), 16, 5),
      police: await runLoad(
        (turn) =>
          post(
            url,
            {
              query: `mutation($m: WarningMarkerInput!) { addWarningMarker(marker: $m) { type } }`,
              variables: { m: { nationalId: nationalIdOf(turn), type: 'WEAPONS', note: 'bench' } },
            },
            officer,
          ),
        16,
        5,
      ),
      probation: await runLoad(
        (turn) =>
          post(
            url,
            {
              query: `mutation($o: SupervisionOrderInput!) { recordSupervisionOrder(order: $o) { id } }`,
              variables: {
                o: {
                  nationalId: nationalIdOf(turn),
                  type: 'licence',
                  startDate: '2026-01-01',
                  endDate: '2030-01-01',
                  riskLevel: 'low',
                  offenderManagerId: 'OM-0',
                },
              },
            },
            manager,
          ),
        16,
        5,
      ),
    };
    return {
      watches: options.watches,
      phases,
      ownerWrites,
    };
  } finally {
    for (const stream of streams) stream.dispose();
    await fleet.stop();
    await nats[Symbol.asyncDispose]();
  }
}

function crossing(nationalId: string, port: string) {
  return {
    query: `mutation($c: CrossingInput!) { recordCrossing(crossing: $c) { id } }`,
    variables: {
      c: { nationalId, crossedAt: new Date().toISOString(), port, direction: 'OUTBOUND', travelDocument: 'P0000000' },
    },
  };
}

async function headers(
  idp: DevIdentityProvider,
  agency: Agency,
  role: Role,
  subject: string,
  purpose: string,
): Promise<Record<string, string>> {
  const token = await issueToken(idp, {
    subject,
    agency,
    roles: [role],
    clearance: 'OFFICIAL',
    privileges: ['sworn'],
    ttlSeconds: 3600,
  });
  return { authorization: `Bearer ${token}`, 'x-purpose': purpose, 'x-justification': 'benchmark' };
}
