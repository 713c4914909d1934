import type { AggregateDatasets } from '@tessera/subgraph-kit';
import { incident } from './db/schema.ts';

/** What the police count for hotspot maps: incidents, where and when they happened, by type. */
export const policeAggregates: AggregateDatasets = {
  incidents: {
    async events(db) {
      const rows = await db
        .select({
          latitude: incident.latitude,
          longitude: incident.longitude,
          at: incident.occurredAt,
          category: incident.type,
        })
        .from(incident);
      return rows;
    },
  },
};
