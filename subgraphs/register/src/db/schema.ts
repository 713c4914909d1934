import { sql } from 'drizzle-orm';
import { date, index, pgSchema, text } from 'drizzle-orm/pg-core';

/** The national register: who exists, not what any agency knows about them. */
export const register = pgSchema('register');

export const person = register.table(
  'person',
  {
    nationalId: text('national_id').primaryKey(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
  },
  (table) => [index('person_name_idx').on(sql`lower(${table.familyName})`, table.dateOfBirth)],
);

/** The register's disclosure log: every identity released, to whom, why, under which rule. */
export const tables = { person };
export type PersonRow = typeof person.$inferSelect;
