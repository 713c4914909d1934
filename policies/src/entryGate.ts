import {
  dataSubjectCategories,
  disseminations,
  handlingCodes,
  handlingConditionKinds,
  intelligenceAssessments,
  isOneOf,
  sourceEvaluations,
} from './vocabulary.ts';
import { isIsoDate } from './isoDate.ts';

/** A piece of intelligence as an officer submits it: every value still unchecked. */
export interface IntelligenceSubmission {
  /** The facts, kept apart from the grading's assessment of them. */
  readonly summary?: unknown;
  /** Why there is reasonable suspicion of criminal conduct (28 CFR 23.20(a)). */
  readonly justification?: unknown;
  readonly sourceEvaluation?: unknown;
  readonly assessment?: unknown;
  readonly handlingCode?: unknown;
  readonly handlingConditions?: unknown;
  readonly dissemination?: unknown;
  readonly reviewDate?: unknown;
  readonly contact?: unknown;
  readonly subjects?: unknown;
}

/** What an owner's policy bounds at entry. */
export interface EntryPolicy {
  /** The latest review date allowed, in years from today. Default 5. */
  readonly maxReviewYears: number;
}

const defaultEntryPolicy: EntryPolicy = { maxReviewYears: 5 };

const maxText = 4000;

/**
 * The entry gate for intelligence (28 CFR 23.20, LED Art 6 and 7): every problem of a submission at once,
 * in words an officer can act on; none means it may be recorded. `today` is the owner's (ISO date);
 * `isNationalId` checks an identifier's form.
 */
export function intelligenceEntryProblems(
  submission: IntelligenceSubmission,
  today: string,
  isNationalId: (value: string) => boolean,
  policy: EntryPolicy = defaultEntryPolicy,
): string[] {
  const problems: string[] = [];
  const text = (value: unknown, name: string, what: string) => {
    if (typeof value !== 'string' || value.trim() === '' || value.length > maxText)
      problems.push(`${name}: ${what} is required (at most ${maxText} characters)`);
  };
  text(submission.summary, 'summary', 'the facts');
  text(submission.justification, 'justification', 'the reasonable suspicion of criminal conduct');
  text(submission.contact, 'contact', 'whom partners contact about the report');
  if (!isOneOf(sourceEvaluations, String(submission.sourceEvaluation)))
    problems.push(`sourceEvaluation: one of ${sourceEvaluations.join(', ')} (3x5x2)`);
  if (!isOneOf(intelligenceAssessments, submission.assessment))
    problems.push(`assessment: one of ${intelligenceAssessments.join(', ')} (3x5x2)`);
  if (!isOneOf(handlingCodes, submission.handlingCode))
    problems.push(`handlingCode: one of ${handlingCodes.join(', ')} (3x5x2)`);
  if (!isOneOf(disseminations, submission.dissemination))
    problems.push(`dissemination: one of ${disseminations.join(', ')}`);
  problems.push(...conditionProblems(submission.handlingCode, submission.handlingConditions));
  problems.push(...subjectProblems(submission.subjects, isNationalId));
  problems.push(...reviewDateProblems(submission.reviewDate, today, policy));
  return problems;
}

function conditionProblems(handlingCode: unknown, conditions: unknown): string[] {
  const list = conditions ?? [];
  if (!Array.isArray(list)) return ['handlingConditions: a list of { kind, value }'];
  if (handlingCode === 'C' && list.length === 0) return ['handlingConditions: handling code C needs its conditions'];
  if (handlingCode === 'P' && list.length > 0) return ['handlingConditions: handling code P takes no conditions'];
  return list.flatMap((condition: { kind?: unknown; value?: unknown }, index) =>
    !isOneOf(handlingConditionKinds, condition?.kind) || typeof condition.value !== 'string' || !condition.value.trim()
      ? [`handlingConditions[${index}]: kind one of ${handlingConditionKinds.join(', ')}, and a value`]
      : [],
  );
}

function subjectProblems(subjects: unknown, isNationalId: (value: string) => boolean): string[] {
  if (!Array.isArray(subjects) || subjects.length === 0) return ['subjects: at least one person the report is about'];
  return subjects.flatMap((subject: { nationalId?: unknown; category?: unknown }, index) => [
    ...(typeof subject?.nationalId === 'string' && isNationalId(subject.nationalId)
      ? []
      : [`subjects[${index}].nationalId: a national identifier (two letters, seven digits)`]),
    ...(isOneOf(dataSubjectCategories, subject?.category)
      ? []
      : [`subjects[${index}].category: one of ${dataSubjectCategories.join(', ')} (LED Art 6)`]),
  ]);
}

function reviewDateProblems(reviewDate: unknown, today: string, policy: EntryPolicy): string[] {
  const latest = `${Number(today.slice(0, 4)) + policy.maxReviewYears}${today.slice(4, 10)}`;
  const valid = typeof reviewDate === 'string' && isIsoDate(reviewDate);
  if (!valid || reviewDate <= today || reviewDate > latest) {
    return [
      `reviewDate: an ISO date after ${today} and no later than ${latest} (the owner's limit, ${policy.maxReviewYears} years)`,
    ];
  }
  return [];
}
