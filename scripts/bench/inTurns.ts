import { runLoad, type LoadFigures } from '../runLoad.ts';

type Send = (turn: number) => Promise<unknown>;

/**
 * Runs each probe in turn, `turns` times over, after one warm-up each, so that whatever the shared machine
 * does (a checkpoint, a neighbour's burst) falls on all of them alike rather than on whichever ran then.
 * Per probe: the mean rate, the median of the turns' p50s and the worst p99.
 */
export async function inTurns<Name extends string>(
  probes: Record<Name, Send>,
  { concurrency, seconds, turns }: { concurrency: number; seconds: number; turns: number },
): Promise<Record<Name, LoadFigures>> {
  const names = Object.keys(probes) as Name[];
  for (const name of names) await runLoad(probes[name], Math.max(concurrency, 4), 2);
  const runs = new Map<Name, LoadFigures[]>(names.map((name) => [name, []]));
  for (let turn = 0; turn < turns; turn++)
    for (const name of names) runs.get(name)!.push(await runLoad(probes[name], concurrency, seconds));
  return Object.fromEntries(names.map((name) => [name, combine(runs.get(name)!)])) as Record<Name, LoadFigures>;
}

function combine(figures: readonly LoadFigures[]): LoadFigures {
  const p50s = figures.map((figure) => figure.p50).sort((a, b) => a - b);
  return {
    requests: figures.reduce((sum, figure) => sum + figure.requests, 0),
    perSecond: figures.reduce((sum, figure) => sum + figure.perSecond, 0) / figures.length,
    p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
    p99: Math.max(...figures.map((figure) => figure.p99)),
  };
}
