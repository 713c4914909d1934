import { codedError, type AggregateClause } from '@tessera/policies';
import { parseIsoTime } from '@tessera/runtime';

const coarsest = 5;
const finest = 9;
const maxMonths = 36;
/** About 200 km: a region, not a country; bounds the work of one answer. */
const maxSpanDegrees = 2;

/** A question to an owner's counts, as its clause allows it. */
export interface HotspotQuery {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
  readonly from: string;
  readonly to: string;
  readonly resolution: number;
  /** None: every category the clause counts. */
  readonly categories: readonly string[] | null;
}

/** The question as the clause allows it, every problem named at once. */
export function readQuery(input: Record<string, unknown>, clause: AggregateClause): HotspotQuery {
  const problems: string[] = [];
  const [south, west, north, east] = ['south', 'west', 'north', 'east'].map((name) => input[name]);
  const area = [south, west, north, east];
  if (
    !area.every((value) => typeof value === 'number' && Number.isFinite(value)) ||
    Math.abs(south as number) > 90 ||
    Math.abs(north as number) > 90 ||
    (south as number) >= (north as number) ||
    (west as number) >= (east as number) ||
    (north as number) - (south as number) > maxSpanDegrees ||
    (east as number) - (west as number) > maxSpanDegrees
  ) {
    problems.push(`area: south < north and west < east, in degrees, at most ${maxSpanDegrees}° across`);
  }
  const from = wholeMonth(input.from, 'up');
  const to = wholeMonth(input.to, 'down');
  const months = from && to ? monthsBetween(from, to) : 0;
  if (!from || !to || months < 1 || months > maxMonths) {
    problems.push(`from, to: ISO dates spanning 1 to ${maxMonths} whole months (counts are kept by month)`);
  }
  const resolution = input.resolution;
  if (typeof resolution !== 'number' || !Number.isInteger(resolution) || resolution < coarsest || resolution > finest) {
    problems.push(`resolution: ${coarsest} (region) to ${finest} (neighbourhood)`);
  }
  const asked = input.categories;
  if (
    asked !== undefined &&
    asked !== null &&
    (!Array.isArray(asked) || asked.length === 0 || !asked.every((item) => typeof item === 'string'))
  ) {
    problems.push('categories: a list of the categories to count, or none for all');
  }
  if (problems.length > 0) {
    throw codedError('BAD_USER_INPUT', `The hotspot question cannot be answered: ${problems.join('; ')}.`, {
      extensions: { problems },
    });
  }
  // A well-formed question beyond what this clause releases is the owner's refusal, not bad input.
  const beyond: string[] = [];
  if ((resolution as number) > clause.resolution) beyond.push(`hexagons finer than resolution ${clause.resolution}`);
  const categories = (asked as string[] | null | undefined) ?? (clause.categories === 'any' ? null : clause.categories);
  const outside =
    clause.categories === 'any' || !categories ? [] : categories.filter((item) => !clause.categories.includes(item));
  if (outside.length > 0) beyond.push(`the categories ${outside.join(', ')}`);
  if (beyond.length > 0) {
    throw codedError('FORBIDDEN', `Clause ${clause.id} does not release ${beyond.join(' or ')}.`);
  }
  return {
    south: south as number,
    west: west as number,
    north: north as number,
    east: east as number,
    from: from!,
    to: to!,
    resolution: resolution as number,
    categories: categories ? [...new Set(categories)] : null,
  };
}

/** The first day of the first whole month on or after a date ('up'), or of the month a date falls in ('down'). */
export function wholeMonth(value: unknown, direction: 'up' | 'down'): string | null {
  if (typeof value !== 'string' || !parseIsoTime(value)) return null;
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  if (direction === 'up' && first.getTime() < date.getTime()) first.setUTCMonth(first.getUTCMonth() + 1);
  return first.toISOString().slice(0, 10);
}

export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}
