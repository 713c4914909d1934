import { useState } from 'react';
import type { Hub } from '../hub.ts';
import { lastDays } from '../period.ts';
import { AnswerSection, Table, Time } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';
import { ActivityChart, type ActivityDay } from './ActivityChart.tsx';
import { IntegritySection } from './IntegritySection.tsx';
import { ReviewsSection } from './ReviewsSection.tsx';

const period = lastDays(30);

const activityQuery = `query ConsoleActivity($from: String!, $to: String!) {
  consultationActivity(from: $from, to: $to) { days { day allowed partlyDenied refused } denialsByRule { rule consultations } }
}`;

/** What oversight officers watch: the trail's activity, reviews owed, requests, watches, integrity, measures. */
export function OversightPage({ hub }: { hub: Hub }) {
  return (
    <>
      <ActivitySection hub={hub} />
      <ReviewsSection hub={hub} />
      <FollowUpsSection hub={hub} />
      <WatchesSection hub={hub} />
      <IntegritySection hub={hub} />
      <PastReviewSection hub={hub} />
      <KpiSection hub={hub} />
    </>
  );
}

function ActivitySection({ hub }: { hub: Hub }) {
  const { answer } = useAnswer<{
    consultationActivity: { days: ActivityDay[]; denialsByRule: { rule: string; consultations: number }[] } | null;
  }>(hub, activityQuery, period);
  const activity = answer?.data?.consultationActivity;
  return (
    <AnswerSection title="Consultations, last 30 days" answer={answer}>
      {activity ? (
        <>
          <ActivityChart days={activity.days} />
          <Table
            caption="Denials by rule: consultations in which each rule withheld fields"
            columns={[
              { title: 'Rule', cell: (row) => <code>{row.rule}</code> },
              { title: 'Consultations', cell: (row) => row.consultations },
            ]}
            rows={activity.denialsByRule}
            rowKey={(row) => row.rule}
            empty="No field was withheld in the period."
          />
        </>
      ) : null}
    </AnswerSection>
  );
}

interface FollowUpRequest {
  id: string;
  owner: string;
  subject: string;
  requester: { agency: string; subject: string } | null;
  purpose: string;
  justification: string;
  fields: string[];
  state: string;
  requestedAt: string;
  overdue: boolean;
  decidedBy: string | null;
  conditions: string | null;
  grantId: string | null;
}

function FollowUpsSection({ hub }: { hub: Hub }) {
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { answer } = useAnswer<{ followUpRequests: FollowUpRequest[] | null }>(
    hub,
    `query ConsoleFollowUps($overdue: Boolean) { followUpRequests(overdue: $overdue) {
      id owner subject requester { agency subject } purpose justification fields state requestedAt overdue decidedBy conditions grantId } }`,
    overdueOnly ? { overdue: true } : {},
  );
  return (
    <AnswerSection
      title="Follow-up requests and grants"
      answer={answer}
      actions={
        <label>
          <input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} />{' '}
          Overdue only
        </label>
      }
    >
      <Table
        caption="Requests to the owners after a hit, and their decisions"
        columns={[
          { title: 'Asked', cell: (row) => <Time iso={row.requestedAt} /> },
          { title: 'Requester', cell: (row) => `${row.requester?.subject ?? '?'} (${row.requester?.agency ?? '?'})` },
          { title: 'Owner', cell: (row) => row.owner },
          { title: 'Subject', cell: (row) => row.subject },
          { title: 'Fields', cell: (row) => row.fields.join(', ') },
          { title: 'Why', cell: (row) => `${row.purpose}: ${row.justification}` },
          { title: 'State', cell: (row) => `${row.state}${row.overdue ? ' (overdue)' : ''}` },
          { title: 'Decided by', cell: (row) => row.decidedBy ?? '–' },
          {
            title: 'Grant',
            cell: (row) => (row.grantId ? `${row.grantId}${row.conditions ? `: ${row.conditions}` : ''}` : '–'),
          },
        ]}
        rows={answer?.data?.followUpRequests}
        rowKey={(row) => row.id}
        empty="No follow-up request."
      />
    </AnswerSection>
  );
}

interface WatchRecord {
  id: string;
  subject: string;
  watcher: { agency: string; subject: string } | null;
  purpose: string;
  justification: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
  clause: string | null;
  alerts: number;
}

function WatchesSection({ hub }: { hub: Hub }) {
  const { answer } = useAnswer<{ watches: WatchRecord[] | null }>(
    hub,
    `query ConsoleWatches { watches { id subject watcher { agency subject } purpose justification createdAt expiresAt endedAt clause alerts } }`,
  );
  return (
    <AnswerSection title="Watches on people" answer={answer}>
      <Table
        caption="Who watches whom, for what, why, until when"
        columns={[
          { title: 'Subject', cell: (row) => row.subject },
          { title: 'Watcher', cell: (row) => `${row.watcher?.subject ?? '?'} (${row.watcher?.agency ?? '?'})` },
          { title: 'Purpose', cell: (row) => row.purpose },
          { title: 'Justification', cell: (row) => row.justification },
          { title: 'Standing clause', cell: (row) => row.clause ?? '–' },
          { title: 'From', cell: (row) => <Time iso={row.createdAt} /> },
          { title: 'Until', cell: (row) => <Time iso={row.endedAt ?? row.expiresAt} /> },
          { title: 'Alerts', cell: (row) => row.alerts },
        ]}
        rows={answer?.data?.watches}
        rowKey={(row) => row.id}
        empty="Nobody is watched."
      />
    </AnswerSection>
  );
}

function PastReviewSection({ hub }: { hub: Hub }) {
  const { answer } = useAnswer<{
    recordsPastReview:
      { id: string; type: string; recordedAt: string; reviewDate: string; dissemination: string }[] | null;
  }>(hub, `query ConsolePastReview { recordsPastReview(limit: 50) { id type recordedAt reviewDate dissemination } }`);
  return (
    <AnswerSection title="Records past their review date" answer={answer}>
      <Table
        caption="Intelligence past review, oldest review first (which records, never what they say)"
        columns={[
          { title: 'Record', cell: (row) => row.id },
          { title: 'Type', cell: (row) => row.type },
          { title: 'Recorded', cell: (row) => <Time iso={row.recordedAt} /> },
          { title: 'Review date', cell: (row) => row.reviewDate },
          { title: 'Dissemination', cell: (row) => row.dissemination },
        ]}
        rows={answer?.data?.recordsPastReview}
        rowKey={(row) => row.id}
        empty="No record is past its review date."
      />
    </AnswerSection>
  );
}

interface ClauseKpi {
  clause: string;
  consultations: number;
  recordsReleased: number;
  consultationsWithDenials: number;
  alerts: number;
  medianAnswerMs: number | null;
}

/** The measures of sharing per clause over the last 30 days (shown to owners' supervisors too). */
export function KpiSection({ hub }: { hub: Hub }) {
  const { answer } = useAnswer<{ sharingKpis: { clauses: ClauseKpi[] } | null }>(
    hub,
    `query ConsoleKpis($from: String!, $to: String!) { sharingKpis(from: $from, to: $to) {
      clauses { clause consultations recordsReleased consultationsWithDenials alerts medianAnswerMs } } }`,
    period,
  );
  return (
    <AnswerSection title="Sharing per clause, last 30 days" answer={answer}>
      <Table
        caption="Per clause: consultations and records released, consultations with fields withheld, alerts, median answer"
        columns={[
          { title: 'Clause', cell: (row) => <code>{row.clause}</code> },
          { title: 'Consultations', cell: (row) => row.consultations },
          { title: 'Records released', cell: (row) => row.recordsReleased },
          { title: 'With fields withheld', cell: (row) => row.consultationsWithDenials },
          { title: 'Alerts', cell: (row) => row.alerts },
          {
            title: 'Median answer',
            cell: (row) => (row.medianAnswerMs === null ? '–' : `${Math.round(row.medianAnswerMs)} ms`),
          },
        ]}
        rows={answer?.data?.sharingKpis?.clauses}
        rowKey={(row) => row.clause}
        empty="No clause released or withheld anything in the period."
      />
    </AnswerSection>
  );
}
