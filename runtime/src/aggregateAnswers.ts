/** What an answer says of one hexagon: the sum of its released counts (none: all withheld), and whether any was. */
export interface HotspotCell {
  readonly cell: string;
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** Which owner's counts of which dataset, released under which clause, over which whole months. */
export interface AggregateSource {
  readonly owner: string;
  readonly dataset: string;
  readonly clause: string;
  readonly legalBasis: string;
  readonly k: number;
  readonly resolution: number;
  /** The whole months counted: from the first day of `from`, to the first day of `to` (excluded). */
  readonly from: string;
  readonly to: string;
}

/** One owner's counts for one dataset, as its aggregate desk answers the hub. */
export interface HotspotAnswer extends AggregateSource {
  readonly cells: readonly HotspotCell[];
}

/** One hexagon and category: its counts in this period, the one before and a year before, and their reading. */
export interface TrendCell {
  readonly cell: string;
  readonly category: string;
  readonly current: number | null;
  readonly previous: number | null;
  readonly yearAgo: number | null;
  readonly baseline: number;
  readonly pValue: number;
  readonly flag: 'emerging' | 'persistent' | 'cooling' | 'stable';
}

export interface TrendAnswer extends AggregateSource {
  readonly cells: readonly TrendCell[];
}

/** The next month's hotspots by the documented method, with how the method and a naive one did before. */
export interface ForecastAnswer extends AggregateSource {
  readonly month: string;
  readonly method: string;
  readonly hotspots: readonly { readonly cell: string; readonly score: number }[];
  readonly evaluation: {
    readonly method: { readonly months: number; readonly hitRate: number; readonly pai: number };
    readonly naive: { readonly months: number; readonly hitRate: number; readonly pai: number };
  };
}
