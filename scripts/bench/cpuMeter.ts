import { readdir, readFile } from 'node:fs/promises';
import { processCpuMs, type Service } from '@tessera/hub';

/** Cumulative CPU time (ms) of each process taking part, by name. */
export type CpuSample = Record<string, number>;

/**
 * What each process of a fleet has used of the CPU so far: every service, PostgreSQL (all its processes
 * together: the postmaster, each connection's backend, the background writers) and this load generator.
 */
export function cpuMeter(services: readonly Service[]): () => Promise<CpuSample> {
  const postgres = postgresCpuMeter();
  return async () => {
    const sample: CpuSample = {};
    for (const service of services) sample[service.name] = await service.cpuMs().catch(() => 0);
    sample.PostgreSQL = await postgres();
    const own = process.cpuUsage();
    sample['load generator'] = (own.user + own.system) / 1000;
    return sample;
  };
}

/** What all of PostgreSQL's processes together have used of the CPU so far (ms). */
export function postgresCpuMeter(): () => Promise<number> {
  // Backends come and go with the pools' connections: each keeps what it had last used.
  const postgres = new Map<number, number>();
  return async () => {
    for (const [pid, ms] of await postgresProcesses()) postgres.set(pid, ms);
    return [...postgres.values()].reduce((sum, ms) => sum + ms, 0);
  };
}

/** Every PostgreSQL process now, with the CPU time it has used (ms). */
async function postgresProcesses(): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // A process may end between the listing and the read.
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (stat.includes(' (postgres) ')) found.set(Number(entry), await processCpuMs(Number(entry)).catch(() => 0));
  }
  return found;
}

/** Adds to `total` what each process used between two samples. */
export function addCpuUsed(total: CpuSample, before: CpuSample, after: CpuSample): void {
  for (const [name, ms] of Object.entries(after)) total[name] = (total[name] ?? 0) + ms - (before[name] ?? 0);
}
