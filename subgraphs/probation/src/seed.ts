import { hasRows, type SeedOptions } from '@tessera/subgraph-kit';
import { createBatchWriter, type BulkLoader, type Database } from '@tessera/runtime';
import {
  createRandom,
  daysBeforeReference,
  demoSubjectIndex,
  isoDateAfter,
  population,
  type Random,
} from '@tessera/demo';
import { offender, offenderManager, orderCondition, supervisionOrder, type tables } from './db/schema.ts';
import { conditionTypes, orderTypes, riskLevels } from './vocabulary.ts';

const offices = [
  'Northgate Probation Office',
  'Riverside Probation Office',
  'Eastfield Probation Office',
  'Southmere Probation Office',
];
const managerNames = [
  'Sarah Okoye',
  'David Brennan',
  'Helen Marsh',
  'Imran Qureshi',
  'Ruth Adeyemi',
  'Paul Gallagher',
  'Anita Desai',
  'Mark Whitfield',
  'Joanna Lis',
  'Kevin Doyle',
  'Laura Petrie',
  'Samuel Osei',
];

const conditionDetails: Record<(typeof conditionTypes)[number], (random: Random) => string> = {
  curfew: (random) => `Indoors ${random.pick(['19:00', '20:00', '21:00'])} to 07:00, electronically monitored`,
  'exclusion-zone': (random) => `Must not enter ${random.pick(['Northgate', 'Riverside', 'Old Town', 'Harbourside'])}`,
  'no-foreign-travel': () => 'Must not travel outside the United Kingdom; passport surrendered',
  'non-association': () => 'Must not contact or associate with named co-defendants',
  residence: () => 'Reside at an address approved by the offender manager',
  'unpaid-work': (random) => `${random.int(40, 300)} hours of unpaid work`,
  'drug-testing': () => 'Submit to drug testing when instructed',
};

/** Fills the probation database: offender managers, each supervised citizen, their orders and conditions. */
export async function seed(database: BulkLoader, { seed, size }: SeedOptions): Promise<Record<string, number>> {
  const writer = createBatchWriter(database);
  for (const [index, name] of managerNames.entries()) {
    const random = createRandom(seed, 'manager', index);
    await writer.add(offenderManager, {
      id: `OM-${index}`,
      name,
      phone: `020 7946 ${String(random.int(1000, 9999))}`,
      email: `${name.toLowerCase().replace(' ', '.')}@probation.example`,
      office: random.pick(offices),
    });
  }
  for (const citizen of population(seed, size)) {
    if (!citizen.knownTo.includes('probation')) continue;
    const random = createRandom(seed, 'probation', citizen.index);
    const { nationalId } = citizen;
    const isDemoSubject = citizen.index === demoSubjectIndex;
    await writer.add(offender, { nationalId, crn: `X${String(citizen.index).padStart(6, '0')}` });
    const orders = isDemoSubject ? 1 : random.int(1, 2);
    for (let j = 0; j < orders; j++) {
      const orderId = `SO-${String(citizen.index).padStart(7, '0')}-${j}`;
      const start = daysBeforeReference(random.int(30, 1400), 0);
      await writer.add(supervisionOrder, {
        id: orderId,
        nationalId,
        type: random.pick(orderTypes),
        startDate: isoDateAfter(start, 0),
        endDate: isoDateAfter(start, random.pick([365, 548, 730, 1095])),
        riskLevel: isDemoSubject ? 'high' : random.pick(riskLevels),
        offenderManagerId: `OM-${random.int(0, managerNames.length - 1)}`,
      });
      const chosen = isDemoSubject
        ? (['no-foreign-travel', 'curfew', 'non-association'] as const)
        : pickDistinct(random, conditionTypes, random.int(1, 3));
      for (const type of chosen) {
        await writer.add(orderCondition, { orderId, type, detail: conditionDetails[type](random) });
      }
    }
  }
  return writer.finish();
}

export const isSeeded = (db: Database<typeof tables>) => hasRows(db, offender);

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const start = random.int(0, items.length - 1);
  return Array.from({ length: count }, (_, k) => items[(start + k * 2) % items.length] as T);
}
