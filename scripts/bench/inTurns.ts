import { percentile, runLoad, type LoadFigures } from '../runLoad.ts';
import { addCpuUsed, type CpuSample } from './cpuMeter.ts';

type Send = (turn: number) => Promise<unknown>;

/**
 * Runs each probe in turn, `turns` times over, after one warm-up each, so that whatever the shared machine
 * does (a checkpoint, a neighbour's burst) falls on all of them alike rather than on whichever ran then.
 * Per probe: the mean rate, the median of the turns' p50s and the worst p99.
 */
export async function inTurns<Name extends string>(
  probes: Record<Name, Send>,
  { concurrency, seconds, turns }: { concurrency: number; seconds: number; turns: number },
  /** Samples each process's CPU time: given, each probe's figures say what a request cost each process. */
  cpu?: () => Promise<CpuSample>,
): Promise<Record<Name, LoadFigures & { cpuMsPerRequest?: CpuSample }>> {
  const names = Object.keys(probes) as Name[];
  for (const name of names) await runLoad(probes[name], Math.max(concurrency, 4), 2);
  const runs = new Map<Name, LoadFigures[]>(names.map((name) => [name, []]));
  const cpuUsed = new Map<Name, CpuSample>(names.map((name) => [name, {}]));
  for (let turn = 0; turn < turns; turn++)
    for (const name of names) {
      const before = await cpu?.();
      const figures = await runLoad(probes[name], concurrency, seconds);
      runs.get(name)!.push(figures);
      if (before && cpu) addCpuUsed(cpuUsed.get(name)!, before, await cpu());
    }
  return Object.fromEntries(
    names.map((name) => {
      const figures = combine(runs.get(name)!);
      if (!cpu) return [name, figures];
      const cpuMsPerRequest = Object.fromEntries(
        Object.entries(cpuUsed.get(name)!).map(([process, ms]) => [process, ms / Math.max(1, figures.requests)]),
      );
      return [name, { ...figures, cpuMsPerRequest }];
    }),
  ) as Record<Name, LoadFigures & { cpuMsPerRequest?: CpuSample }>;
}

function combine(figures: readonly LoadFigures[]): LoadFigures {
  const p50s = figures.map((figure) => figure.p50).sort((a, b) => a - b);
  return {
    requests: figures.reduce((sum, figure) => sum + figure.requests, 0),
    perSecond: figures.reduce((sum, figure) => sum + figure.perSecond, 0) / figures.length,
    p50: percentile(p50s, 50) ?? 0,
    p99: Math.max(...figures.map((figure) => figure.p99)),
  };
}
