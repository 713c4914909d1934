import { createRandom, daysBeforeReference, seedReferenceTime, type Random } from '@tessera/demo';
import type { BatchWriter } from '@tessera/runtime';
import { incident } from './db/schema.ts';

/** Places where crime concentrates year after year, each with the types it draws. */
const persistentHotspots = [
  { district: 'Riverside', latitude: 51.5045, longitude: -0.0885, types: ['robbery', 'assault', 'public order'] },
  { district: 'Old Town', latitude: 51.5148, longitude: -0.0925, types: ['burglary', 'vehicle crime'] },
  { district: 'Northgate', latitude: 51.5566, longitude: -0.1032, types: ['drug supply', 'assault'] },
  { district: 'Westbury', latitude: 51.5123, longitude: -0.2046, types: ['burglary', 'criminal damage'] },
  { district: 'Southmere', latitude: 51.4618, longitude: -0.1152, types: ['domestic abuse', 'assault'] },
  { district: 'Kingsway', latitude: 51.5172, longitude: -0.1187, types: ['fraud', 'robbery'] },
] as const;

/**
 * The cluster that appears in the last quarter before the seed's reference time: drug supply around
 * the Harbourside marina, where there was none before. Trends must flag it as emerging.
 */
export const plantedEmergingCluster = {
  district: 'Harbourside',
  latitude: 51.4985,
  longitude: 0.0215,
  type: 'drug supply',
  days: 90,
} as const;

const dayMs = 86_400_000;
/** About 300 m in degrees of latitude (and of longitude at this latitude, a little more). */
const spread = 0.0027;

/**
 * Incidents with the structure crime data has, for maps, trends and forecasts to find: most in
 * persistent hotspots (a Gaussian around each), a share repeating near an earlier one within two weeks
 * (near-repeat victimisation), more at weekends, the rest scattered over the city; and the planted
 * emerging cluster. As many as the population, so a million people give a million such incidents.
 */
export async function addHotspotIncidents(writer: BatchWriter, seed: number, size: number): Promise<void> {
  const random = createRandom(seed, 'police-hotspots');
  const earlier: { latitude: number; longitude: number; type: string; district: string; daysAgo: number }[] = [];
  const emerging = Math.max(30, Math.round(size * 0.03));
  for (let n = 0; n < size; n++) {
    const daysAgo = weekendWeighted(random, 1095);
    let place: { latitude: number; longitude: number; type: string; district: string };
    const roll = random.next();
    const previous = earlier.length > 0 ? earlier[random.int(0, earlier.length - 1)]! : undefined;
    if (roll < 0.25 && previous && previous.daysAgo > 14) {
      // A near repeat: close to an earlier incident, of its type, within two weeks after it.
      place = {
        latitude: previous.latitude + gaussian(random) * spread * 0.3,
        longitude: previous.longitude + gaussian(random) * spread * 0.3,
        type: previous.type,
        district: previous.district,
      };
      await write(writer, n, place, previous.daysAgo - random.int(1, 14), random);
      continue;
    }
    if (roll < 0.85) {
      const hotspot = random.pick(persistentHotspots);
      place = {
        latitude: hotspot.latitude + gaussian(random) * spread,
        longitude: hotspot.longitude + gaussian(random) * spread * 1.6,
        type: random.pick(hotspot.types),
        district: hotspot.district,
      };
    } else {
      const hotspot = random.pick(persistentHotspots);
      place = {
        latitude: hotspot.latitude + (random.next() - 0.5) * 0.08,
        longitude: hotspot.longitude + (random.next() - 0.5) * 0.12,
        type: random.pick(persistentHotspots.flatMap((each) => each.types)),
        district: hotspot.district,
      };
    }
    await write(writer, n, place, daysAgo, random);
    earlier.push({ ...place, daysAgo });
    if (earlier.length > 200) earlier.shift();
  }
  for (let n = 0; n < emerging; n++) {
    const cluster = plantedEmergingCluster;
    await write(
      writer,
      size + n,
      {
        latitude: cluster.latitude + gaussian(random) * spread * 0.5,
        longitude: cluster.longitude + gaussian(random) * spread * 0.8,
        type: cluster.type,
        district: cluster.district,
      },
      random.int(1, cluster.days),
      random,
    );
  }
}

async function write(
  writer: BatchWriter,
  n: number,
  place: { latitude: number; longitude: number; type: string; district: string },
  daysAgo: number,
  random: Random,
): Promise<void> {
  await writer.add(incident, {
    id: `INC-H-${String(n).padStart(8, '0')}`,
    type: place.type,
    occurredAt: daysBeforeReference(Math.max(1, daysAgo), random.next()),
    latitude: Math.round(place.latitude * 1e6) / 1e6,
    longitude: Math.round(place.longitude * 1e6) / 1e6,
    district: place.district,
  });
}

/** Days before the reference, Fridays and Saturdays half as likely again as other days. */
function weekendWeighted(random: Random, days: number): number {
  for (;;) {
    const daysAgo = random.int(1, days);
    const weekday = new Date(seedReferenceTime - daysAgo * dayMs).getUTCDay();
    const weight = weekday === 5 || weekday === 6 ? 1.5 : 1;
    if (random.next() * 1.5 < weight) return daysAgo;
  }
}

/** A standard normal draw (Box–Muller). */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}
