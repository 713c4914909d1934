/** Probation's own vocabularies. */
export const riskLevels = ['low', 'medium', 'high', 'very-high'] as const;
export const conditionTypes = [
  'curfew',
  'exclusion-zone',
  'no-foreign-travel',
  'non-association',
  'residence',
  'unpaid-work',
  'drug-testing',
] as const;
export const orderTypes = [
  'community order',
  'suspended sentence order',
  'licence',
  'post-sentence supervision',
] as const;
