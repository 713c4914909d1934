import type { DataOwner } from '@tessera/policies';
import { createRandom } from './random.ts';

/**
 * The demo's national population: every seed generator (the register's and each agency's) walks the
 * same citizens, so one national identifier names the same person everywhere and the agencies'
 * overlap follows the proportions below rather than chance.
 */
export interface Citizen {
  readonly index: number;
  readonly nationalId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly knownTo: readonly DataOwner[];
}

export function nationalIdOf(index: number): string {
  return `TS${String(index + 1).padStart(7, '0')}`;
}

/**
 * Which agencies know a citizen, with how often. Most citizens known to any agency are known to one
 * only; a fifth of the population is known to none, as in life.
 */
const memberships: readonly { share: number; knownTo: readonly DataOwner[] }[] = [
  { share: 0.2, knownTo: [] },
  { share: 0.4, knownTo: ['police'] },
  { share: 0.15, knownTo: ['customs'] },
  { share: 0.03, knownTo: ['probation'] },
  { share: 0.08, knownTo: ['police', 'customs'] },
  { share: 0.08, knownTo: ['police', 'probation'] },
  { share: 0.02, knownTo: ['customs', 'probation'] },
  { share: 0.04, knownTo: ['police', 'customs', 'probation'] },
];

/** Citizen 0 is known to every agency: the demo's worked example and the tests' cross-agency subject. */
export const demoSubjectIndex = 0;

const givenNames = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Ivy',
  'Leo',
  'Freya',
  'Oscar',
  'Grace',
  'Harry',
  'Sofia',
  'Jack',
  'Aisha',
  'Mohammed',
  'Zofia',
  'Tomasz',
  'Priya',
  'Arjun',
  'Niamh',
  'Cian',
  'Chloe',
  'Daniel',
  'Fatima',
  'Yusuf',
  'Elena',
  'Luca',
] as const;
const familyNames = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Khan',
  'Nowak',
  'Murphy',
  'Kelly',
  'Ahmed',
  'Singh',
  'Clarke',
  'Hughes',
  'Edwards',
  'Lewis',
  'Kowalski',
  'Okafor',
] as const;

export function citizenOf(seed: number, index: number): Citizen {
  const random = createRandom(seed, 'citizen', index);
  const roll = random.next();
  let cumulative = 0;
  let knownTo: readonly DataOwner[] = [];
  for (const membership of memberships) {
    cumulative += membership.share;
    if (roll < cumulative) {
      knownTo = membership.knownTo;
      break;
    }
  }
  if (index === demoSubjectIndex) knownTo = ['police', 'customs', 'probation'];
  const year = random.int(1950, 2006);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return {
    index,
    nationalId: nationalIdOf(index),
    givenName: random.pick(givenNames),
    familyName: random.pick(familyNames),
    dateOfBirth: `${year}-${pad(month)}-${pad(day)}`,
    knownTo,
  };
}

/** The citizens of a population of `size`, in index order. */
export function* population(seed: number, size: number): Generator<Citizen> {
  for (let index = 0; index < size; index++) yield citizenOf(seed, index);
}

export function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The moment the demo data is generated "as of": fixed, so that the same seed gives the same dates on
 * every machine and every day. Review dates before it are past review.
 */
export const seedReferenceTime = Date.UTC(2026, 10, 1);
const dayMs = 86_400_000;

/** A time `daysBefore` days (with a random time of day) before the reference time. */
export function daysBeforeReference(daysBefore: number, fractionOfDay: number): Date {
  return new Date(seedReferenceTime - daysBefore * dayMs + Math.floor(fractionOfDay * dayMs));
}

/** The ISO date `days` days after a time. */
export function isoDateAfter(time: Date, days: number): string {
  return new Date(time.getTime() + days * dayMs).toISOString().slice(0, 10);
}
