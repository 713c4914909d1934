import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { codedError } from '@tessera/policies';
import { check, recordWrite, refuseIfAny, type SubgraphContext } from '@tessera/subgraph-kit';
import {
  offender,
  offenderManager,
  orderCondition,
  supervisionOrder,
  type OrderConditionRow,
  type SupervisionOrderRow,
  type tables,
} from './db/schema.ts';
import type { ProbationLoaders } from './loaders.ts';
import { conditionTypes, orderTypes, riskLevels } from './vocabulary.ts';

type Context = SubgraphContext<ProbationLoaders, typeof tables>;
type Input = Readonly<Record<string, unknown>>;

const conditionProblems = (condition: Input, name: string) => [
  ...check.oneOf(condition.type, `${name}.type`, conditionTypes),
  ...(condition.detail === undefined || condition.detail === null
    ? []
    : check.text(condition.detail, `${name}.detail`, 'the condition in words', 500)),
];

/** The order as the rest of the subgraph reads it: with the kinds of its conditions. */
const withConditionTypes = (row: SupervisionOrderRow, conditions: readonly { type: string }[]) => ({
  ...row,
  conditionTypes: conditions.map((condition) => condition.type),
});

/**
 * What probation records: orders with their conditions, a condition added, an order ended; each checked
 * whole, then written with its outbox event and collection entry in one transaction.
 */
export const probationRecords = {
  async recordSupervisionOrder(_: unknown, { order }: { order: Input }, context: Context) {
    const conditions = Array.isArray(order.conditions) ? (order.conditions as Input[]) : [];
    refuseIfAny('The order', [
      ...check.nationalId(order.nationalId),
      ...check.oneOf(order.type, 'type', orderTypes),
      ...check.date(order.startDate, 'startDate'),
      ...check.date(order.endDate, 'endDate'),
      ...(typeof order.startDate === 'string' && typeof order.endDate === 'string' && order.endDate <= order.startDate
        ? ['endDate: after startDate']
        : []),
      ...check.oneOf(order.riskLevel, 'riskLevel', riskLevels),
      ...check.text(order.offenderManagerId, 'offenderManagerId', 'the offender manager', 50),
      ...conditions.flatMap((condition, index) => conditionProblems(condition, `conditions[${index}]`)),
    ]);
    const [manager] = await context.db
      .select({ id: offenderManager.id })
      .from(offenderManager)
      .where(eq(offenderManager.id, order.offenderManagerId as string));
    if (!manager) refuseIfAny('The order', ['offenderManagerId: no offender manager has this id']);
    const id = `SO-${randomUUID()}`;
    return recordWrite(context.db, 'probation', context, async (tx) => {
      await tx
        .insert(offender)
        .values({ nationalId: order.nationalId as string, crn: `CRN-${randomUUID().slice(0, 8)}` })
        .onConflictDoNothing();
      const [row] = await tx
        .insert(supervisionOrder)
        .values({
          id,
          nationalId: order.nationalId as string,
          type: order.type as string,
          startDate: order.startDate as string,
          endDate: order.endDate as string,
          riskLevel: order.riskLevel as string,
          offenderManagerId: order.offenderManagerId as string,
        })
        .returning();
      if (conditions.length > 0) {
        await tx.insert(orderCondition).values(
          conditions.map((condition) => ({
            orderId: id,
            type: condition.type as string,
            detail: (condition.detail as string | null | undefined) ?? null,
          })),
        );
      }
      return {
        result: withConditionTypes(row!, conditions as { type: string }[]),
        event: {
          type: 'supervision-order.recorded',
          record: `supervision-order/${id}`,
          subjects: [row!.nationalId],
          recordType: 'SupervisionOrder',
          fields: { type: row!.type, startDate: row!.startDate, endDate: row!.endDate },
          kinds: conditions.map((condition) => condition.type as string),
        },
      };
    });
  },

  async setCondition(
    _: unknown,
    { orderId, condition }: { orderId: string; condition: Input },
    context: Context,
  ): Promise<OrderConditionRow> {
    refuseIfAny('The condition', conditionProblems(condition, 'condition'));
    return recordWrite(context.db, 'probation', context, async (tx) => {
      const [order] = await tx.select().from(supervisionOrder).where(eq(supervisionOrder.id, orderId));
      if (!order) throw codedError('NOT_FOUND', 'There is no supervision order with this id.');
      const [row] = await tx
        .insert(orderCondition)
        .values({
          orderId,
          type: condition.type as string,
          detail: (condition.detail as string | null | undefined) ?? null,
        })
        .returning();
      return {
        result: row!,
        event: {
          type: 'condition.set',
          record: `supervision-order/${orderId}`,
          subjects: [order.nationalId],
          recordType: 'SupervisionCondition',
          fields: { type: row!.type },
          kinds: [row!.type],
        },
      };
    });
  },

  async endOrder(_: unknown, { orderId, reason }: { orderId: string; reason: string }, context: Context) {
    refuseIfAny('The end of the order', check.text(reason, 'reason', 'why the order ends', 500));
    const today = new Date().toISOString().slice(0, 10);
    return recordWrite(context.db, 'probation', context, async (tx) => {
      const inForce = and(eq(supervisionOrder.id, orderId), gt(supervisionOrder.endDate, today));
      const [before] = await tx.select().from(supervisionOrder).where(inForce).for('update');
      if (!before) throw codedError('NOT_FOUND', 'There is no supervision order in force with this id.');
      const [row] = await tx.update(supervisionOrder).set({ endDate: today }).where(inForce).returning();
      const conditions = await tx
        .select({ type: orderCondition.type })
        .from(orderCondition)
        .where(eq(orderCondition.orderId, orderId));
      return {
        result: withConditionTypes(row!, conditions),
        event: {
          type: 'supervision-order.ended',
          record: `supervision-order/${orderId}`,
          subjects: [before.nationalId],
          recordType: 'SupervisionOrder',
          // The end it replaces is kept with the event and in the collection log: nothing is overwritten unseen.
          fields: { endDate: today, previousEndDate: before.endDate, reason },
        },
      };
    });
  },
};
