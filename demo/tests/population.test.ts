import { describe, expect, test } from 'vitest';
import { nationalIdPattern } from '@tessera/runtime';
import { citizenOf, demoSubjectIndex, population } from '../src/index.ts';

const size = 20_000;
const citizens = [...population(3, size)];

describe('the demo population', () => {
  test('is the same for the same seed and different for another', () => {
    expect([...population(3, 200)]).toEqual(citizens.slice(0, 200));
    expect([...population(4, 200)]).not.toEqual(citizens.slice(0, 200));
    expect(citizenOf(3, 1234)).toEqual(citizens[1234]);
  });

  test('gives every citizen a distinct, well-formed national identifier', () => {
    expect(citizens.every((citizen) => nationalIdPattern.test(citizen.nationalId))).toBe(true);
    expect(new Set(citizens.map((citizen) => citizen.nationalId)).size).toBe(size);
  });

  test('knows most subjects to one agency only, some to two or three, as configured', () => {
    const share = (test: (knownTo: readonly string[]) => boolean) =>
      citizens.filter((citizen) => test(citizen.knownTo)).length / size;
    expect(share((knownTo) => knownTo.length === 0)).toBeCloseTo(0.2, 1);
    expect(share((knownTo) => knownTo.length === 1)).toBeCloseTo(0.58, 1);
    expect(share((knownTo) => knownTo.length === 2)).toBeCloseTo(0.18, 1);
    expect(share((knownTo) => knownTo.length === 3)).toBeCloseTo(0.04, 1);
  });

  test('makes the demo subject known to all three agencies whatever the seed', () => {
    for (const seed of [0, 1, 99]) {
      expect(citizenOf(seed, demoSubjectIndex).knownTo).toEqual(['police', 'customs', 'probation']);
    }
  });
});
