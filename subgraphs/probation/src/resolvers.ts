import { enumResolver, type SubgraphContext, profileFor } from '@tessera/subgraph-kit';
import type { GraphQLResolverMap } from '@tessera/runtime';
import type { OffenderRow, SupervisionOrderRow, tables } from './db/schema.ts';
import type { ProbationLoaders } from './loaders.ts';
import { probationRecords } from './records.ts';
import { conditionTypes, riskLevels } from './vocabulary.ts';

type Context = SubgraphContext<ProbationLoaders, typeof tables>;

export const resolvers: GraphQLResolverMap<Context> = {
  Mutation: probationRecords,
  Person: {
    __resolveReference: (reference: { nationalId: string }) => ({ nationalId: reference.nationalId }),
    probation: async (person: { nationalId: string }, _: unknown, context: Context) =>
      profileFor('probation', person.nationalId, await context.loaders.offender.load(person.nationalId), context),
  },
  ProbationProfile: {
    supervisionOrders: (profile: OffenderRow, _: unknown, { loaders }: Context) =>
      loaders.orders.load(profile.nationalId),
  },
  SupervisionOrder: {
    conditions: (order: SupervisionOrderRow, _: unknown, { loaders }: Context) => loaders.conditions.load(order.id),
    offenderManager: (order: SupervisionOrderRow, _: unknown, { loaders }: Context) =>
      loaders.offenderManager.load(order.offenderManagerId),
  },
  RiskLevel: enumResolver(riskLevels),
  SupervisionConditionType: enumResolver(conditionTypes),
} as GraphQLResolverMap<Context>;
