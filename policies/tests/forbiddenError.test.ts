import { expect, test } from 'vitest';
import { GraphQLError } from 'graphql';
import { forbiddenError, forbiddenErrorAt } from '../src/index.ts';

const decision = { rule: 'markers-for-border', legalBasis: 'Customs Act s.12' };

test('a withheld field copied to another path is its own GraphQLError, at that path, saying the same', () => {
  const first = forbiddenError('PoliceProfile.warningMarkers', decision, ['people', 0, 'police', 'warningMarkers']);
  const copy = forbiddenErrorAt(first, ['people', 1, 'police', 'warningMarkers']);
  expect(copy).toBeInstanceOf(GraphQLError);
  expect(copy.toJSON()).toEqual({ ...first.toJSON(), path: ['people', 1, 'police', 'warningMarkers'] });
  expect(JSON.parse(JSON.stringify(copy))).toEqual(copy.toJSON());
  expect(first.path).toEqual(['people', 0, 'police', 'warningMarkers']);
  expect(copy.extensions).toEqual({
    code: 'FORBIDDEN',
    coordinate: 'PoliceProfile.warningMarkers',
    rule: 'markers-for-border',
    legalBasis: 'Customs Act s.12',
  });
});
