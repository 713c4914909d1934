/** What an answer says of one hexagon: the sum of its released counts (none: all withheld), and whether any was. */
export interface HotspotCell {
  readonly cell: string;
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** One owner's counts for one dataset, as its aggregate desk answers the hub: the clause, and the hexagons. */
export interface HotspotAnswer {
  readonly owner: string;
  readonly dataset: string;
  readonly clause: string;
  readonly legalBasis: string;
  readonly k: number;
  readonly resolution: number;
  /** The whole months counted: from the first day of `from`, to the first day of `to` (excluded). */
  readonly from: string;
  readonly to: string;
  readonly cells: readonly HotspotCell[];
}
