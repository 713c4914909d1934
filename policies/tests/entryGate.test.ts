import { describe, expect, test } from 'vitest';
import { intelligenceEntryProblems, type IntelligenceSubmission } from '../src/index.ts';

const isNationalId = (value: string) => /^[A-Z]{2}\d{7}$/.test(value);
const today = '2026-11-30';
const valid: IntelligenceSubmission = {
  summary: 'Seen handing packages to couriers at Dover on three nights.',
  justification: 'Matches the pattern of Operation Kestrel deliveries; corroborated by CCTV.',
  sourceEvaluation: 2,
  assessment: 'B',
  handlingCode: 'C',
  handlingConditions: [{ kind: 'not-to-agency', value: 'probation' }],
  dissemination: 'gray',
  reviewDate: '2027-11-30',
  contact: 'DS Kaur, Kent intelligence unit',
  subjects: [{ nationalId: 'TS0000001', category: 'suspect' }],
};

describe('the intelligence entry gate', () => {
  test('lets a complete, graded, bounded submission through', () => {
    expect(intelligenceEntryProblems(valid, today, isNationalId)).toEqual([]);
  });

  test('names every problem of a bad submission at once', () => {
    const problems = intelligenceEntryProblems(
      {
        summary: ' ',
        sourceEvaluation: 4,
        assessment: 'F',
        handlingCode: 'C',
        handlingConditions: [],
        dissemination: 'red',
        reviewDate: '2032-12-01',
        subjects: [{ nationalId: 'nobody', category: 'bystander' }],
      },
      today,
      isNationalId,
    );
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'summary',
      'justification',
      'contact',
      'sourceEvaluation',
      'assessment',
      'dissemination',
      'handlingConditions',
      'subjects[0].nationalId',
      'subjects[0].category',
      'reviewDate',
    ]);
  });

  test.each([
    ['today', '2026-11-30'],
    ['in the past', '2020-01-01'],
    ['past the five years', '2031-12-01'],
    ['not a date', '2027-02-30'],
  ])('refuses a review date %s', (_, reviewDate) => {
    expect(intelligenceEntryProblems({ ...valid, reviewDate }, today, isNationalId)).toHaveLength(1);
  });

  test('takes the owner’s own limit, and the last day within it', () => {
    expect(intelligenceEntryProblems({ ...valid, reviewDate: '2031-11-30' }, today, isNationalId)).toEqual([]);
    expect(
      intelligenceEntryProblems({ ...valid, reviewDate: '2028-11-30' }, today, isNationalId, { maxReviewYears: 1 }),
    ).toHaveLength(1);
  });

  test('handling conditions go with code C only, and each is one the hub understands', () => {
    expect(intelligenceEntryProblems({ ...valid, handlingCode: 'P' }, today, isNationalId)).toHaveLength(1);
    expect(
      intelligenceEntryProblems(
        { ...valid, handlingConditions: [{ kind: 'burn-after-reading', value: 'x' }] },
        today,
        isNationalId,
      ),
    ).toHaveLength(1);
  });
});
