/** Released counts of one hexagon per month (`YYYY-MM-01`). */
export type MonthlyCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** How well a method's hotspots caught the next month's events, over held-out months. */
export interface ForecastEvaluation {
  readonly months: number;
  /** Share of the events that fell in the predicted hexagons. */
  readonly hitRate: number;
  /** Predictive Accuracy Index: hit rate over the share of the area the predicted hexagons cover. */
  readonly pai: number;
}

/** The method, as the answer and the README state it. */
export const forecastMethod =
  'Score per hexagon: its released counts of the 12 months before, each weighted 0.5^(age/2) (a half-life of two months), plus 0.3 times the last month’s counts of its six neighbours (near repeats). The hotspots are the top 5% of the hexagons with any count in the area.';

const halfLifeMonths = 2;
const nearRepeatWeight = 0.3;
const hotspotShare = 0.05;
const history = 12;

/** The month `offset` months after a `YYYY-MM-01` month. */
export function monthAfter(month: string, offset: number): string {
  const date = new Date(`${month}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + offset);
  return date.toISOString().slice(0, 10);
}

/** Each hexagon's score for a month, from the months before it only. */
export function scoreCells(
  counts: MonthlyCounts,
  month: string,
  neighbours: (cell: string) => readonly string[],
): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (cell: string, value: number) => scores.set(cell, (scores.get(cell) ?? 0) + value);
  const last = monthAfter(month, -1);
  for (const [cell, months] of counts) {
    for (let age = 1; age <= history; age++) {
      const n = months.get(monthAfter(month, -age)) ?? 0;
      if (n > 0) add(cell, n * 0.5 ** ((age - 1) / halfLifeMonths));
    }
    const recent = months.get(last) ?? 0;
    if (recent > 0) for (const neighbour of neighbours(cell)) add(neighbour, nearRepeatWeight * recent);
  }
  return scores;
}

/** The top hexagons by score: as many as the hotspot share of the hexagons considered, at least one. */
export function topCells(scores: ReadonlyMap<string, number>, considered: number): string[] {
  const count = Math.max(1, Math.round(considered * hotspotShare));
  return [...scores]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([cell]) => cell);
}

/**
 * The method and the naive baseline (last month's top hexagons), each predicting every held-out month
 * from the months before it, scored on what then happened there.
 */
export function evaluateForecast(
  counts: MonthlyCounts,
  heldOut: readonly string[],
  neighbours: (cell: string) => readonly string[],
): { method: ForecastEvaluation; naive: ForecastEvaluation } {
  const considered = counts.size;
  const evaluate = (predict: (month: string) => string[]): ForecastEvaluation => {
    let hits = 0;
    let events = 0;
    let covered = 0;
    for (const month of heldOut) {
      const predicted = new Set(predict(month));
      covered += predicted.size;
      for (const [cell, months] of counts) {
        const n = months.get(month) ?? 0;
        events += n;
        if (predicted.has(cell)) hits += n;
      }
    }
    const hitRate = events === 0 ? 0 : hits / events;
    const areaShare = considered === 0 || heldOut.length === 0 ? 1 : covered / heldOut.length / considered;
    return { months: heldOut.length, hitRate, pai: areaShare === 0 ? 0 : hitRate / areaShare };
  };
  return {
    method: evaluate((month) => topCells(scoreCells(counts, month, neighbours), considered)),
    naive: evaluate((month) => {
      const last = monthAfter(month, -1);
      const scores = new Map([...counts].map(([cell, months]) => [cell, months.get(last) ?? 0]));
      return topCells(new Map([...scores].filter(([, n]) => n > 0)), considered);
    }),
  };
}
