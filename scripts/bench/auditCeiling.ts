import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createLogger } from '@tessera/runtime';
import { hubDatabase, hubSchemaName, prepareDatabase, verifyChain } from '@tessera/audit';
import { createTestDatabases } from '@tessera/hub';
import { percentile } from '../runLoad.ts';

export interface AuditCeilingFigures {
  readonly processes: number;
  readonly concurrency: number;
  readonly seconds: number;
  /** Consultation records appended per second by all the processes together, and each append's latency. */
  readonly modes: Record<AppendMode, { recordsPerSecond: number; p50Ms: number; p99Ms: number }>;
}

/** One statement per record (each request its own append), or the gateway's group commit. */
export type AppendMode = 'each' | 'grouped';

/**
 * The audit's ceiling: how many consultation records per second one hub database accepts with
 * `processes` gateway processes appending at once, `concurrency` requests each, for each way of
 * appending; the chain verified intact and complete after each.
 */
export async function measureAuditCeiling(processes = 4, concurrency = 16, seconds = 5): Promise<AuditCeilingFigures> {
  const modes = {} as AuditCeilingFigures['modes'];
  for (const mode of ['each', 'grouped'] as const) {
    await using databases = await createTestDatabases(['hub']);
    const url = databases.urls.hub!;
    const logger = createLogger('bench', 'error');
    const prepared = await prepareDatabase(hubDatabase, { url }, logger);
    await prepared.close();
    const runs = await Promise.all(
      Array.from({ length: processes }, () =>
        promisify(execFile)(
          process.execPath,
          ['--conditions=source', '--import', 'tsx', 'scripts/bench/auditAppender.ts'],
          {
            env: {
              ...process.env,
              HUB_DATABASE_URL: url,
              SECONDS: String(seconds),
              CONCURRENCY: String(concurrency),
              MODE: mode,
            },
            maxBuffer: 256 * 1024 * 1024,
          },
        ),
      ),
    );
    const latencies = runs
      .flatMap(({ stdout }) => (JSON.parse(stdout) as { latencies: number[] }).latencies)
      .sort((a, b) => a - b);
    const check = await prepareDatabase(hubDatabase, { url }, logger);
    try {
      const chain = await verifyChain(check.db, hubSchemaName, { keys: [] });
      if (!chain.ok || chain.records !== latencies.length) {
        throw new Error(`the chain after ${mode} appends: ${chain.records} records for ${latencies.length} appended`);
      }
    } finally {
      await check.close();
    }
    modes[mode] = {
      recordsPerSecond: latencies.length / seconds,
      p50Ms: percentile(latencies, 50)!,
      p99Ms: percentile(latencies, 99)!,
    };
  }
  return { processes, concurrency, seconds, modes };
}
