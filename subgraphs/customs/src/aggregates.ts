import { asc, gt } from 'drizzle-orm';
import { inPages, type AggregateDatasets, type CountedEvent } from '@tessera/subgraph-kit';
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
    async *events(db) {
      const seizures = inPages((after, size) =>
        db
          .select({ key: seizure.id, place: seizure.place, seizedAt: seizure.seizedAt, goods: seizure.goods })
          .from(seizure)
          .where(gt(seizure.id, after))
          .orderBy(asc(seizure.id))
          .limit(size),
      );
      for await (const row of seizures) {
        const counted = countedSeizure(row);
        if (counted) yield counted;
      }
    },
  },
};
