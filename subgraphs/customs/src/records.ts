import { randomUUID } from 'node:crypto';
import { check, countEvent, recordWrite, refuseIfAny, type SubgraphContext } from '@tessera/subgraph-kit';
import { countedSeizure } from './aggregates.ts';
import {
  borderCrossing,
  customsFlag,
  seizure,
  type BorderCrossingRow,
  type CustomsFlagRow,
  type SeizureRow,
  type tables,
} from './db/schema.ts';
import type { CustomsLoaders } from './loaders.ts';

type Context = SubgraphContext<CustomsLoaders, typeof tables>;
type Input = Readonly<Record<string, unknown>>;

/** The kinds of flag customs raise. */
const flagTypes = ['watchlist', 'revenue-risk', 'smuggling-risk'] as const;

/**
 * What customs officers and systems record: each input checked whole (every problem named at once), then
 * written with its outbox event and collection entry in one transaction.
 */
export const customsRecords = {
  async recordCrossing(_: unknown, { crossing }: { crossing: Input }, context: Context): Promise<BorderCrossingRow> {
    refuseIfAny('The crossing', [
      ...check.nationalId(crossing.nationalId),
      ...check.pastTime(crossing.crossedAt, 'crossedAt', new Date()),
      ...check.text(crossing.port, 'port', 'the port of entry or exit', 100),
      ...check.oneOf(crossing.direction, 'direction', ['INBOUND', 'OUTBOUND']),
      ...check.text(crossing.travelDocument, 'travelDocument', 'the document presented', 50),
    ]);
    const id = `BX-${randomUUID()}`;
    return recordWrite(context.db, 'customs', context, async (tx) => {
      const [row] = await tx
        .insert(borderCrossing)
        .values({
          id,
          nationalId: crossing.nationalId as string,
          crossedAt: new Date(crossing.crossedAt as string),
          port: crossing.port as string,
          direction: (crossing.direction as string).toLowerCase(),
          travelDocument: crossing.travelDocument as string,
        })
        .returning();
      return {
        result: row!,
        event: {
          type: 'crossing.recorded',
          record: `crossing/${id}`,
          subjects: [row!.nationalId],
          recordType: 'BorderCrossing',
          fields: {
            crossedAt: row!.crossedAt.toISOString(),
            port: row!.port,
            direction: row!.direction.toUpperCase(),
            travelDocument: row!.travelDocument,
          },
        },
      };
    });
  },

  async recordSeizure(_: unknown, { seizure: input }: { seizure: Input }, context: Context): Promise<SeizureRow> {
    refuseIfAny('The seizure', [
      ...check.nationalId(input.nationalId),
      ...check.pastTime(input.seizedAt, 'seizedAt', new Date()),
      ...check.text(input.goods, 'goods', 'what was seized', 200),
      ...check.amount(input.quantity, 'quantity', 'how much'),
      ...check.text(input.unit, 'unit', 'the unit of the quantity', 20),
      ...check.amount(input.valueGbp, 'valueGbp', 'the estimated value in pounds'),
      ...check.text(input.place, 'place', 'where it was seized', 100),
    ]);
    const id = `SZ-${randomUUID()}`;
    return recordWrite(context.db, 'customs', context, async (tx) => {
      const [row] = await tx
        .insert(seizure)
        .values({
          id,
          nationalId: input.nationalId as string,
          seizedAt: new Date(input.seizedAt as string),
          goods: input.goods as string,
          quantity: input.quantity as number,
          unit: input.unit as string,
          valueGbp: input.valueGbp as number,
          place: input.place as string,
        })
        .returning();
      const counted = countedSeizure(row!);
      if (counted) await countEvent(tx, 'customs', 'seizures', counted);
      return {
        result: row!,
        event: {
          type: 'seizure.recorded',
          record: `seizure/${id}`,
          subjects: [row!.nationalId],
          recordType: 'Seizure',
          fields: {
            seizedAt: row!.seizedAt.toISOString(),
            goods: row!.goods,
            quantity: row!.quantity,
            unit: row!.unit,
            valueGbp: row!.valueGbp,
            place: row!.place,
          },
        },
      };
    });
  },

  async raiseFlag(_: unknown, { flag }: { flag: Input }, context: Context): Promise<CustomsFlagRow> {
    refuseIfAny('The flag', [
      ...check.nationalId(flag.nationalId),
      ...check.oneOf(flag.type, 'type', flagTypes),
      ...check.text(flag.reason, 'reason', 'why the flag is raised', 500),
    ]);
    return recordWrite(context.db, 'customs', context, async (tx) => {
      const [row] = await tx
        .insert(customsFlag)
        .values({
          nationalId: flag.nationalId as string,
          type: flag.type as string,
          reason: flag.reason as string,
          raisedOn: new Date().toISOString().slice(0, 10),
        })
        .returning();
      return {
        result: row!,
        event: {
          type: 'flag.raised',
          record: `flag/${row!.id}`,
          subjects: [row!.nationalId],
          recordType: 'CustomsFlag',
          fields: { type: row!.type, reason: row!.reason, raisedOn: row!.raisedOn },
        },
      };
    });
  },
};
