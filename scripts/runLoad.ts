import { performance } from 'node:perf_hooks';

export interface LoadFigures {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/**
 * Runs `send` from `concurrency` workers until `seconds` have passed, each worker taking the next turn
 * as soon as its request is answered; returns the count, the rate and the latency percentiles (ms).
 */
export async function runLoad(
  send: (turn: number) => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let turn = worker; performance.now() < deadline; turn += concurrency) {
        const sent = performance.now();
        await send(turn);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50) ?? 0,
    p99: percentile(latencies, 99) ?? 0,
  };
}

/** The value below which `p` percent of `sorted` (ascending) lie; none for an empty list. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
