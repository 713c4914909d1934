import type { AggregateDatasets, CountedEvent } from '@tessera/subgraph-kit';
import { seizure } from './db/schema.ts';
import { portLocations } from './ports.ts';

/** A seizure as a count sees it: at its port, by the goods seized; one at a place that is no port is not mapped. */
export function countedSeizure(row: { place: string; seizedAt: Date; goods: string }): CountedEvent | undefined {
  const port = portLocations[row.place];
  return port && { latitude: port.latitude, longitude: port.longitude, at: row.seizedAt, category: row.goods };
}

/** What customs count for hotspot maps: seizures by port and goods. */
export const customsAggregates: AggregateDatasets = {
  seizures: {
    async events(db) {
      const rows = await db
        .select({ place: seizure.place, seizedAt: seizure.seizedAt, goods: seizure.goods })
        .from(seizure);
      return rows.flatMap((row) => countedSeizure(row) ?? []);
    },
  },
};
