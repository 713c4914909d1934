import { and, eq, sql } from 'drizzle-orm';
import { codedError } from '@tessera/policies';
import type { SubgraphContext } from '@tessera/subgraph-kit';
import { nationalIdPattern, readIsoDate, type GraphQLResolverMap } from '@tessera/runtime';
import { person, type PersonRow, type tables } from './db/schema.ts';
import type { RegisterLoaders } from './loaders.ts';

type Context = SubgraphContext<RegisterLoaders, typeof tables>;
const maxPeoplePerRequest = 1000;
const maxSearchResults = 50;

function checkNationalId(nationalId: string): void {
  if (!nationalIdPattern.test(nationalId)) {
    throw codedError('BAD_USER_INPUT', 'A national identifier is two capital letters and seven digits.', {
      extensions: { argument: 'nationalId' },
    });
  }
}

export const resolvers: GraphQLResolverMap<Context> = {
  Query: {
    async person(_: unknown, { nationalId }: { nationalId: string }, { loaders }: Context) {
      checkNationalId(nationalId);
      const row = await loaders.person.load(nationalId);
      if (!row) throw codedError('NOT_FOUND', 'The national register has no person with this identifier.');
      return row;
    },
    people(_: unknown, { nationalIds }: { nationalIds: string[] }, { loaders }: Context) {
      if (nationalIds.length > maxPeoplePerRequest) {
        throw codedError('BAD_USER_INPUT', `At most ${maxPeoplePerRequest} national identifiers per request.`);
      }
      nationalIds.forEach(checkNationalId);
      return loaders.person.loadMany(nationalIds);
    },
    hits(_: unknown, { nationalIds }: { nationalIds: string[] }) {
      if (nationalIds.length > maxPeoplePerRequest) {
        throw codedError('BAD_USER_INPUT', `At most ${maxPeoplePerRequest} national identifiers per hit check.`);
      }
      nationalIds.forEach(checkNationalId);
      // Every subject is checked, known to the register or not: the answer says nothing of who exists.
      return [...new Set(nationalIds)].map((subject) => ({ subject }));
    },
    async searchPeople(
      _: unknown,
      { name, dateOfBirth }: { name: string; dateOfBirth?: string | null },
      { db }: Context,
    ) {
      const words = name.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const familyName = words.at(-1);
      if (!familyName) throw codedError('BAD_USER_INPUT', 'A name to search for is required.');
      if (dateOfBirth) readIsoDate('dateOfBirth', dateOfBirth);
      const givenNames = words.slice(0, -1).join(' ');
      return db
        .select()
        .from(person)
        .where(
          and(
            eq(sql`lower(${person.familyName})`, familyName),
            givenNames ? eq(sql`lower(${person.givenName})`, givenNames) : undefined,
            dateOfBirth ? eq(person.dateOfBirth, dateOfBirth) : undefined,
          ),
        )
        .orderBy(person.familyName, person.givenName, person.nationalId)
        .limit(maxSearchResults);
    },
  },
  Person: {
    __resolveReference: (reference: { nationalId: string }, { loaders }: Context): Promise<PersonRow | null> =>
      loaders.person.load(reference.nationalId),
  },
};
