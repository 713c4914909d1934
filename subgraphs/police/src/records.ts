import { randomUUID } from 'node:crypto';
import { check, countEvent, recordWrite, refuseIfAny, type SubgraphContext } from '@tessera/subgraph-kit';
import {
  incident,
  incidentPerson,
  warningMarker,
  type IncidentRow,
  type WarningMarkerRow,
  type tables,
} from './db/schema.ts';
import type { PoliceLoaders } from './loaders.ts';
import { warningMarkerTypes } from './vocabulary.ts';

type Context = SubgraphContext<PoliceLoaders, typeof tables>;
type Input = Readonly<Record<string, unknown>>;

/** The schema spells the marker types in capitals (`SELF_HARM`); the records, as the force does (`self-harm`). */
const markerTypes = warningMarkerTypes.map((type) => type.toUpperCase().replaceAll('-', '_'));

/**
 * What the police record besides intelligence: each input checked whole (every problem named at once),
 * then written with its outbox event and collection entry in one transaction.
 */
export const policeRecords = {
  async addWarningMarker(_: unknown, { marker }: { marker: Input }, context: Context): Promise<WarningMarkerRow> {
    refuseIfAny('The warning marker', [
      ...check.nationalId(marker.nationalId),
      ...check.oneOf(marker.type, 'type', markerTypes),
      ...(marker.note === undefined || marker.note === null ? [] : check.text(marker.note, 'note', 'a note', 1000)),
    ]);
    return recordWrite(context.db, 'police', context, async (tx) => {
      const [row] = await tx
        .insert(warningMarker)
        .values({
          nationalId: marker.nationalId as string,
          type: (marker.type as string).toLowerCase().replaceAll('_', '-'),
          addedOn: new Date().toISOString().slice(0, 10),
          note: (marker.note as string | null | undefined) ?? null,
        })
        .returning();
      return {
        result: row!,
        event: {
          type: 'warning-marker.added',
          record: `warning-marker/${row!.id}`,
          subjects: [row!.nationalId],
          recordType: 'WarningMarker',
          fields: { type: row!.type.toUpperCase().replaceAll('-', '_'), addedOn: row!.addedOn },
        },
      };
    });
  },

  async recordIncident(_: unknown, { incident: input }: { incident: Input }, context: Context): Promise<IncidentRow> {
    const people = Array.isArray(input.people) ? (input.people as Input[]) : [];
    refuseIfAny('The incident', [
      ...check.text(input.type, 'type', 'what happened', 100),
      ...check.pastTime(input.occurredAt, 'occurredAt', new Date()),
      ...check.coordinate(input.latitude, input.longitude),
      ...check.text(input.district, 'district', 'the district', 100),
      ...(people.length === 0 ? ['people: at least one person involved'] : []),
      ...people.flatMap((person, index) => [
        ...check.nationalId(person.nationalId).map((problem) => `people[${index}].${problem}`),
        ...check.category(person.category, `people[${index}].category`),
      ]),
    ]);
    const id = `INC-${randomUUID()}`;
    return recordWrite(context.db, 'police', context, async (tx) => {
      const [row] = await tx
        .insert(incident)
        .values({
          id,
          type: input.type as string,
          occurredAt: new Date(input.occurredAt as string),
          latitude: input.latitude as number,
          longitude: input.longitude as number,
          district: input.district as string,
        })
        .returning();
      await tx.insert(incidentPerson).values(
        people.map((person) => ({
          incidentId: id,
          nationalId: person.nationalId as string,
          category: person.category as string,
        })),
      );
      await countEvent(tx, 'police', 'incidents', {
        latitude: row!.latitude,
        longitude: row!.longitude,
        at: row!.occurredAt,
        category: row!.type,
      });
      return {
        result: row!,
        event: {
          type: 'incident.recorded',
          record: `incident/${id}`,
          subjects: people.map((person) => person.nationalId as string),
          recordType: 'Incident',
          fields: { type: row!.type, occurredAt: row!.occurredAt.toISOString(), district: row!.district },
        },
      };
    });
  },
};
