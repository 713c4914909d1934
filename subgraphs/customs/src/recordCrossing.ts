import { randomUUID } from 'node:crypto';
import { codedError } from '@tessera/policies';
import { recordWrite, type SubgraphContext } from '@tessera/subgraph-kit';
import { nationalIdPattern } from '@tessera/runtime';
import { borderCrossing, type BorderCrossingRow, type tables } from './db/schema.ts';
import type { CustomsLoaders } from './loaders.ts';

type Context = SubgraphContext<CustomsLoaders, typeof tables>;

interface CrossingInput {
  readonly nationalId?: unknown;
  readonly crossedAt?: unknown;
  readonly port?: unknown;
  readonly direction?: unknown;
  readonly travelDocument?: unknown;
}

/** A crossing recorded a little ahead of the server's clock is still believed; further ahead, it is not. */
const clockSkewMs = 5 * 60_000;

/** Every problem of a crossing as a border post reports it, at once. */
function crossingProblems(input: CrossingInput, now: Date): string[] {
  const text = (value: unknown, max: number) => typeof value === 'string' && value.trim() !== '' && value.length <= max;
  const crossedAt = typeof input.crossedAt === 'string' ? Date.parse(input.crossedAt) : Number.NaN;
  return [
    ...(typeof input.nationalId === 'string' && nationalIdPattern.test(input.nationalId)
      ? []
      : ['nationalId: a national identifier (two letters, seven digits)']),
    ...(Number.isNaN(crossedAt) || crossedAt > now.getTime() + clockSkewMs
      ? ['crossedAt: an ISO timestamp, not in the future']
      : []),
    ...(text(input.port, 100) ? [] : ['port: the port of entry or exit (at most 100 characters)']),
    ...(input.direction === 'INBOUND' || input.direction === 'OUTBOUND' ? [] : ['direction: INBOUND or OUTBOUND']),
    ...(text(input.travelDocument, 50) ? [] : ['travelDocument: the document presented (at most 50 characters)']),
  ];
}

/** Records a border crossing with its outbox event and its collection entry, in one transaction. */
export async function recordCrossing(
  _: unknown,
  { crossing }: { crossing: CrossingInput },
  context: Context,
): Promise<BorderCrossingRow> {
  const problems = crossingProblems(crossing, new Date());
  if (problems.length > 0) {
    throw codedError('BAD_USER_INPUT', `The crossing cannot be recorded: ${problems.join('; ')}.`, {
      extensions: { problems },
    });
  }
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
}
