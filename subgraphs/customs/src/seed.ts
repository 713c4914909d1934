import { hasRows, type SeedOptions } from '@tessera/subgraph-kit';
import { createBatchWriter, type BulkLoader, type Database } from '@tessera/runtime';
import { createRandom, daysBeforeReference, demoSubjectIndex, isoDateAfter, population } from '@tessera/demo';
import { borderCrossing, customsFlag, seizure, traveller, type tables } from './db/schema.ts';
import { ports } from './ports.ts';

const nationalities = ['GBR', 'GBR', 'GBR', 'GBR', 'IRL', 'POL', 'FRA', 'NLD', 'ESP', 'NGA', 'IND', 'ALB'] as const;
const goods = [
  { goods: 'cigarettes', unit: 'sticks', min: 2000, max: 40000, pricePerUnit: 0.45 },
  { goods: 'hand-rolling tobacco', unit: 'kg', min: 1, max: 30, pricePerUnit: 280 },
  { goods: 'cocaine', unit: 'kg', min: 0.1, max: 5, pricePerUnit: 32000 },
  { goods: 'cannabis', unit: 'kg', min: 0.5, max: 40, pricePerUnit: 4000 },
  { goods: 'counterfeit handbags', unit: 'items', min: 10, max: 400, pricePerUnit: 60 },
  { goods: 'undeclared cash', unit: 'GBP', min: 10000, max: 250000, pricePerUnit: 1 },
] as const;
const flagReasons = [
  { type: 'smuggling-risk', reason: 'Previous seizure of excise goods' },
  { type: 'document-fraud', reason: 'Travel document reported lost while in use' },
  { type: 'cash-courier', reason: 'Repeated short trips with undeclared cash' },
  { type: 'watchlist', reason: 'Partner agency request to notify on travel' },
] as const;

/** Fills the customs database: each citizen customs know, their crossings, seizures and flags. */
export async function seed(database: BulkLoader, { seed, size }: SeedOptions): Promise<Record<string, number>> {
  const writer = createBatchWriter(database);
  for (const citizen of population(seed, size)) {
    if (!citizen.knownTo.includes('customs')) continue;
    const random = createRandom(seed, 'customs', citizen.index);
    const { nationalId } = citizen;
    const isDemoSubject = citizen.index === demoSubjectIndex;
    await writer.add(traveller, { nationalId, nationality: random.pick(nationalities) });
    const document = `${random.pick(['P', 'P', 'I'])}${String(random.int(10_000_000, 99_999_999))}`;
    const crossings = isDemoSubject ? 6 : random.int(1, 8);
    for (let j = 0; j < crossings; j++) {
      await writer.add(borderCrossing, {
        id: `BX-${String(citizen.index).padStart(7, '0')}-${j}`,
        nationalId,
        crossedAt: daysBeforeReference(random.int(1, 1500), random.next()),
        port: random.pick(ports),
        direction: j % 2 === 0 ? 'outbound' : 'inbound',
        travelDocument: document,
      });
    }
    const seizures = isDemoSubject ? 1 : random.chance(0.15) ? random.int(1, 2) : 0;
    for (let j = 0; j < seizures; j++) {
      const item = random.pick(goods);
      const quantity = Math.round((item.min + random.next() * (item.max - item.min)) * 10) / 10;
      await writer.add(seizure, {
        id: `SZ-${String(citizen.index).padStart(7, '0')}-${j}`,
        nationalId,
        seizedAt: daysBeforeReference(random.int(1, 1500), random.next()),
        goods: item.goods,
        quantity,
        unit: item.unit,
        valueGbp: Math.round(quantity * item.pricePerUnit * 100) / 100,
        place: random.pick(ports),
      });
    }
    if (isDemoSubject || random.chance(0.1)) {
      const flag = random.pick(flagReasons);
      await writer.add(customsFlag, {
        nationalId,
        type: flag.type,
        reason: flag.reason,
        raisedOn: isoDateAfter(daysBeforeReference(random.int(1, 900), 0), 0),
      });
    }
  }
  return writer.finish();
}

export const isSeeded = (db: Database<typeof tables>) => hasRows(db, traveller);
