import { asc, gt } from 'drizzle-orm';
import { inPages, type AggregateDatasets } from '@tessera/subgraph-kit';
import { incident } from './db/schema.ts';

/** What the police count for hotspot maps: incidents, where and when they happened, by type. */
export const policeAggregates: AggregateDatasets = {
  incidents: {
    events: (db) =>
      inPages((after, size) =>
        db
          .select({
            key: incident.id,
            latitude: incident.latitude,
            longitude: incident.longitude,
            at: incident.occurredAt,
            category: incident.type,
          })
          .from(incident)
          .where(gt(incident.id, after))
          .orderBy(asc(incident.id))
          .limit(size),
      ),
  },
};
