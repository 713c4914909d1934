import type { Coordinate } from './rule.ts';

/** Whether a pattern (`Type.field` or `Type.*`) covers a coordinate. */
export function covers(pattern: Coordinate, coordinate: string): boolean {
  if (pattern === coordinate) return true;
  return pattern.endsWith('.*') && coordinate.startsWith(pattern.slice(0, -1));
}

/** The type of a coordinate or pattern. */
export function typeOf(coordinate: string): string {
  return coordinate.slice(0, coordinate.indexOf('.'));
}
