import { randomUUID } from 'node:crypto';
import { codedError, intelligenceEntryProblems, type IntelligenceSubmission } from '@tessera/policies';
import { recordWrite, type SubgraphContext } from '@tessera/subgraph-kit';
import { nationalIdPattern } from '@tessera/runtime';
import {
  intelligenceReport,
  reportSubject,
  type HandlingConditionData,
  type IntelligenceReportRow,
  type tables,
} from './db/schema.ts';
import type { PoliceLoaders } from './loaders.ts';

type Context = SubgraphContext<PoliceLoaders, typeof tables>;

/**
 * Records intelligence that passes the entry gate, with its subjects, its outbox event and its
 * collection-log entry, in one transaction; anything the gate finds refuses it whole.
 */
export async function submitIntelligence(
  _: unknown,
  { report }: { report: IntelligenceSubmission },
  context: Context,
): Promise<IntelligenceReportRow> {
  const now = new Date();
  const problems = intelligenceEntryProblems(report, now.toISOString().slice(0, 10), (value) =>
    nationalIdPattern.test(value),
  );
  if (problems.length > 0) {
    throw codedError('BAD_USER_INPUT', `The report does not pass the entry gate: ${problems.join('; ')}.`, {
      extensions: { problems },
    });
  }
  const subjects = report.subjects as { nationalId: string; category: string }[];
  // The gate has checked each condition's kind and value.
  const conditions = (report.handlingConditions as HandlingConditionData[] | null | undefined) ?? [];
  const id = `INT-${randomUUID()}`;
  return recordWrite(context.db, 'police', context, async (tx) => {
    const [row] = await tx
      .insert(intelligenceReport)
      .values({
        id,
        summary: report.summary as string,
        sourceEvaluation: Number(report.sourceEvaluation),
        assessment: report.assessment as string,
        handlingCode: report.handlingCode as string,
        handlingConditions: conditions,
        dissemination: report.dissemination as string,
        reviewDate: report.reviewDate as string,
        recordedAt: now,
        contact: report.contact as string,
      })
      .returning();
    await tx.insert(reportSubject).values(subjects.map((subject) => ({ reportId: id, ...subject })));
    return {
      result: row!,
      event: {
        type: 'intelligence.recorded',
        record: `intelligence/${id}`,
        subjects: subjects.map((subject) => subject.nationalId),
        recordType: 'IntelligenceReport',
        // What a partner's alert may carry, decided at delivery; black reports never alert.
        fields: {
          summary: row!.summary,
          dissemination: row!.dissemination,
          reviewDate: row!.reviewDate,
          contact: row!.contact,
        },
      },
    };
  });
}
