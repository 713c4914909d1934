/** How a hexagon's count for a category moved: the CompStat reading. */
export type TrendFlag = 'emerging' | 'persistent' | 'cooling' | 'stable';

/** One hexagon and category over three periods of the same length, counts as released (none: all withheld). */
export interface TrendCounts {
  readonly current: number | null;
  readonly previous: number | null;
  readonly yearAgo: number | null;
}

/** The significance level of the test. */
const alpha = 0.05;

/** P(X ≥ x) for X ~ Poisson(λ), summed in log space so that large counts neither overflow nor underflow. */
export function poissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 1;
  return Math.max(0, Math.min(1, 1 - poissonLowerTail(x - 1, lambda)));
}

/** P(X ≤ x) for X ~ Poisson(λ). */
export function poissonLowerTail(x: number, lambda: number): number {
  if (x < 0) return 0;
  const logLambda = Math.log(lambda);
  let logTerm = -lambda;
  let logSum = logTerm;
  for (let i = 1; i <= x; i++) {
    logTerm += logLambda - Math.log(i);
    const high = Math.max(logSum, logTerm);
    logSum = high + Math.log(Math.exp(logSum - high) + Math.exp(logTerm - high));
  }
  return Math.min(1, Math.exp(logSum));
}

/**
 * The reading of one hexagon and category: the baseline is the mean of the previous period and the
 * same period a year before (withheld counts read as none; at least 1), and the current count is tested
 * against it as a Poisson draw. Emerging: significantly above; cooling: significantly below a baseline
 * of at least k; persistent: at least k now and in the previous period, with no significant change.
 */
export function trendOf(counts: TrendCounts, k: number): { flag: TrendFlag; pValue: number; baseline: number } {
  const current = counts.current ?? 0;
  const baseline = Math.max(1, ((counts.previous ?? 0) + (counts.yearAgo ?? 0)) / 2);
  const up = poissonUpperTail(current, baseline);
  const down = poissonLowerTail(current, baseline);
  if (counts.current !== null && up < alpha) return { flag: 'emerging', pValue: up, baseline };
  if (baseline >= k && down < alpha) return { flag: 'cooling', pValue: down, baseline };
  const persistent = counts.current !== null && counts.previous !== null;
  return { flag: persistent ? 'persistent' : 'stable', pValue: Math.min(1, 2 * Math.min(up, down)), baseline };
}
