import { enumResolver, type SubgraphContext, profileFor } from '@tessera/subgraph-kit';
import type { GraphQLResolverMap } from '@tessera/runtime';
import type { BorderCrossingRow, SeizureRow, TravellerRow, tables } from './db/schema.ts';
import { customsRecords } from './records.ts';
import type { CustomsLoaders } from './loaders.ts';

type Context = SubgraphContext<CustomsLoaders, typeof tables>;

export const resolvers: GraphQLResolverMap<Context> = {
  Mutation: customsRecords,
  Person: {
    __resolveReference: (reference: { nationalId: string }) => ({ nationalId: reference.nationalId }),
    customs: async (person: { nationalId: string }, _: unknown, context: Context) =>
      profileFor('customs', person.nationalId, await context.loaders.traveller.load(person.nationalId), context),
  },
  CustomsProfile: {
    crossings: (profile: TravellerRow, _: unknown, { loaders }: Context) => loaders.crossings.load(profile.nationalId),
    seizures: (profile: TravellerRow, _: unknown, { loaders }: Context) => loaders.seizures.load(profile.nationalId),
    flags: (profile: TravellerRow, _: unknown, { loaders }: Context) => loaders.flags.load(profile.nationalId),
  },
  BorderCrossing: { crossedAt: (row: BorderCrossingRow) => row.crossedAt.toISOString() },
  Seizure: { seizedAt: (row: SeizureRow) => row.seizedAt.toISOString() },
  TravelDirection: enumResolver(['inbound', 'outbound']),
} as GraphQLResolverMap<Context>;
