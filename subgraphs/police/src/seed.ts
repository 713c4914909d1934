import { hasRows, type SeedOptions } from '@tessera/subgraph-kit';
import { createBatchWriter, type BatchWriter, type BulkLoader, type Database } from '@tessera/runtime';
import {
  daysBeforeReference,
  demoSubjectIndex,
  isoDateAfter,
  pad,
  population,
  createRandom,
  type Citizen,
  type Random,
} from '@tessera/demo';
import {
  incident,
  incidentPerson,
  intelligenceReport,
  person,
  reportSubject,
  warningMarker,
  type HandlingConditionData,
  type tables,
} from './db/schema.ts';
import { warningMarkerTypes } from './vocabulary.ts';
import { addHotspotIncidents } from './seedHotspots.ts';

export const districts = [
  { name: 'Northgate', latitude: 51.556, longitude: -0.103 },
  { name: 'Riverside', latitude: 51.503, longitude: -0.087 },
  { name: 'Eastfield', latitude: 51.531, longitude: -0.012 },
  { name: 'Westbury', latitude: 51.512, longitude: -0.205 },
  { name: 'Southmere', latitude: 51.462, longitude: -0.115 },
  { name: 'Old Town', latitude: 51.515, longitude: -0.092 },
  { name: 'Harbourside', latitude: 51.498, longitude: 0.021 },
  { name: 'Kingsway', latitude: 51.517, longitude: -0.119 },
] as const;

const incidentTypes = [
  'burglary',
  'assault',
  'robbery',
  'drug supply',
  'criminal damage',
  'fraud',
  'domestic abuse',
  'public order',
  'vehicle crime',
  'possession of weapon',
] as const;

const categoryWeights = [
  ['suspect', 0.45],
  ['convicted', 0.15],
  ['victim', 0.2],
  ['witness', 0.15],
  ['associate', 0.05],
] as const;

const summaries = [
  'Subject reported to be storing controlled drugs at an address in {district}.',
  'Subject seen meeting known associates near {district} station on several evenings.',
  'Subject believed to be arranging the import of counterfeit goods through a freight contact.',
  'Subject reported to carry a bladed article when travelling through {district}.',
  'Subject linked to a vehicle used in a series of burglaries in {district}.',
  'Subject said to be collecting debts on behalf of an organised group in {district}.',
] as const;

const conditionChoices: readonly HandlingConditionData[][] = [
  [{ kind: 'not-to-agency', value: 'customs' }],
  [{ kind: 'only-for-purpose', value: 'criminal-investigation' }],
  [{ kind: 'only-to-agency', value: 'police' }],
  [
    { kind: 'not-to-agency', value: 'probation' },
    { kind: 'only-for-purpose', value: 'criminal-investigation' },
  ],
];

/** Fills the police database: each citizen the police know, their markers, incidents and intelligence. */
export async function seed(database: BulkLoader, { seed, size }: SeedOptions): Promise<Record<string, number>> {
  const writer = createBatchWriter(database);
  // Earlier police subjects, so that an incident or a report can name more than one known person.
  const recent: string[] = [];
  for (const citizen of population(seed, size)) {
    if (!citizen.knownTo.includes('police')) continue;
    const random = createRandom(seed, 'police', citizen.index);
    await writer.add(person, { nationalId: citizen.nationalId, pncId: pncIdOf(citizen, random) });
    if (citizen.index === demoSubjectIndex) {
      // Kept out of `recent`: the demo subject's records are exactly the curated set below.
      await addDemoSubjectRecords(writer, citizen);
      continue;
    }
    await addRecords(writer, citizen, random, recent);
    recent.push(citizen.nationalId);
    if (recent.length > 50) recent.shift();
  }
  await addHotspotIncidents(writer, seed, size);
  return writer.finish();
}

export const isSeeded = (db: Database<typeof tables>) => hasRows(db, person);

function pncIdOf(citizen: Citizen, random: Random): string {
  return `${pad(random.int(0, 26))}/${String(citizen.index).padStart(7, '0')}${String.fromCharCode(65 + random.int(0, 25))}`;
}

async function addRecords(writer: BatchWriter, citizen: Citizen, random: Random, recent: readonly string[]) {
  const { nationalId } = citizen;
  if (random.chance(0.3)) {
    const first = random.int(0, warningMarkerTypes.length - 1);
    const count = random.int(1, 2);
    for (let k = 0; k < count; k++) {
      const type = warningMarkerTypes[(first + k) % warningMarkerTypes.length] as string;
      await writer.add(warningMarker, {
        nationalId,
        type,
        addedOn: isoDateAfter(daysBeforeReference(random.int(30, 3000), 0), 0),
        note: null,
      });
    }
  }
  const incidents = random.int(1, 3);
  for (let j = 0; j < incidents; j++) {
    const incidentId = `INC-${String(citizen.index).padStart(7, '0')}-${j}`;
    await addIncident(writer, incidentId, random, random.int(0, 1095));
    await writer.add(incidentPerson, { incidentId, nationalId, category: weightedCategory(random) });
    const other = recent.length > 0 && random.chance(0.6) ? random.pick(recent) : undefined;
    if (other) await writer.add(incidentPerson, { incidentId, nationalId: other, category: weightedCategory(random) });
  }
  if (random.chance(0.25)) {
    const reports = random.int(1, 2);
    for (let j = 0; j < reports; j++) {
      const reportId = `INT-${String(citizen.index).padStart(7, '0')}-${j}`;
      const handlingCode = random.chance(0.7) ? 'P' : 'C';
      const roll = random.next();
      await addReport(writer, reportId, random, {
        handlingCode,
        handlingConditions: handlingCode === 'C' ? random.pick(conditionChoices) : [],
        dissemination: roll < 0.7 ? 'white' : roll < 0.9 ? 'gray' : 'black',
        daysAgo: random.int(10, 2400),
      });
      await writer.add(reportSubject, { reportId, nationalId, category: random.chance(0.8) ? 'suspect' : 'associate' });
      const other = recent.length > 0 && random.chance(0.3) ? random.pick(recent) : undefined;
      if (other) await writer.add(reportSubject, { reportId, nationalId: other, category: 'associate' });
    }
  }
}

/**
 * The demo subject carries one record of every kind the agreements treat differently, so the demo
 * and the tests can show each decision: suspect, victim and witness involvements; P, C, gray, black
 * and past-review intelligence; violence and weapons markers beside a self-harm one.
 */
async function addDemoSubjectRecords(writer: BatchWriter, citizen: Citizen) {
  const { nationalId } = citizen;
  const random = createRandom('demo-subject');
  for (const [type, daysAgo] of [
    ['violence', 400],
    ['weapons', 380],
    ['self-harm', 200],
  ] as const) {
    await writer.add(warningMarker, {
      nationalId,
      type,
      addedOn: isoDateAfter(daysBeforeReference(daysAgo, 0), 0),
      note: null,
    });
  }
  const involvements = [
    ['suspect', 20],
    ['victim', 90],
    ['witness', 300],
  ] as const;
  for (const [j, [category, daysAgo]] of involvements.entries()) {
    const incidentId = `INC-DEMO-${j}`;
    await addIncident(writer, incidentId, random, daysAgo);
    await writer.add(incidentPerson, { incidentId, nationalId, category });
  }
  const reports = [
    { handlingCode: 'P', handlingConditions: [], dissemination: 'white', daysAgo: 60 },
    {
      handlingCode: 'C',
      handlingConditions: [{ kind: 'not-to-agency', value: 'customs' }],
      dissemination: 'white',
      daysAgo: 45,
    },
    { handlingCode: 'P', handlingConditions: [], dissemination: 'gray', daysAgo: 30 },
    { handlingCode: 'P', handlingConditions: [], dissemination: 'black', daysAgo: 15 },
    { handlingCode: 'P', handlingConditions: [], dissemination: 'white', daysAgo: 2200 },
  ] as const;
  for (const [j, report] of reports.entries()) {
    const reportId = `INT-DEMO-${j}`;
    await addReport(writer, reportId, random, { ...report, handlingConditions: [...report.handlingConditions] });
    await writer.add(reportSubject, { reportId, nationalId, category: 'suspect' });
  }
}

async function addIncident(writer: BatchWriter, id: string, random: Random, daysAgo: number) {
  const district = random.pick(districts);
  await writer.add(incident, {
    id,
    type: random.pick(incidentTypes),
    occurredAt: daysBeforeReference(daysAgo, random.next()),
    latitude: round(district.latitude + (random.next() - 0.5) * 0.02),
    longitude: round(district.longitude + (random.next() - 0.5) * 0.03),
    district: district.name,
  });
}

interface ReportShape {
  readonly handlingCode: string;
  readonly handlingConditions: HandlingConditionData[];
  readonly dissemination: string;
  readonly daysAgo: number;
}

async function addReport(writer: BatchWriter, id: string, random: Random, shape: ReportShape) {
  const district = random.pick(districts);
  const recordedAt = daysBeforeReference(shape.daysAgo, random.next());
  await writer.add(intelligenceReport, {
    id,
    summary: random.pick(summaries).replace('{district}', district.name),
    sourceEvaluation: random.int(1, 3),
    assessment: random.pick(['A', 'B', 'C', 'D', 'E']),
    handlingCode: shape.handlingCode,
    handlingConditions: shape.handlingConditions,
    dissemination: shape.dissemination,
    // 28 CFR Part 23: reviewed within five years of recording.
    reviewDate: isoDateAfter(recordedAt, 5 * 365),
    recordedAt,
    contact: `Intelligence Bureau, ${district.name}: 020 7946 ${String(random.int(0, 9999)).padStart(4, '0')}`,
  });
}

function weightedCategory(random: Random): string {
  let roll = random.next();
  for (const [category, weight] of categoryWeights) {
    roll -= weight;
    if (roll < 0) return category;
  }
  return 'suspect';
}

function round(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}
