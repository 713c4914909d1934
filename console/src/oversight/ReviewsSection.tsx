import { NoteForm } from '../changes.tsx';
import type { Hub } from '../hub.ts';
import { AnswerSection, Table, Time } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';

interface Consultation {
  requestId: string;
  at: string;
  principal: { agency: string; subject: string; roles: string[] } | null;
  purpose: string;
  justification: string | null;
  operationName: string | null;
}

/** Threat-to-life accesses awaiting review, each with "mark reviewed" and the reviewer's note. */
export function ReviewsSection({ hub }: { hub: Hub }) {
  const { answer, reload } = useAnswer<{ pendingReviews: { items: Consultation[] } | null }>(
    hub,
    `query ConsoleReviews { pendingReviews(first: 50) { items { requestId at principal { agency subject roles } purpose justification operationName } } }`,
  );
  return (
    <AnswerSection title="Threat-to-life accesses awaiting review" answer={answer}>
      <Table
        caption="Accesses under threat-to-life no reviewer has marked reviewed"
        columns={[
          { title: 'When', cell: (row) => <Time iso={row.at} /> },
          { title: 'Who', cell: (row) => `${row.principal?.subject ?? '?'} (${row.principal?.agency ?? '?'})` },
          { title: 'Justification', cell: (row) => row.justification ?? '–' },
          { title: 'Operation', cell: (row) => row.operationName ?? '(unnamed)' },
          {
            title: 'Review',
            cell: (row) => (
              <NoteForm
                hub={hub}
                label={`Review note for ${row.requestId.slice(0, 8)}`}
                action="Mark reviewed"
                mutation={`mutation ConsoleMarkReviewed($requestId: ID!, $note: String!) {
                  markReviewed(requestId: $requestId, note: $note) { requestId at } }`}
                variables={{ requestId: row.requestId }}
                onDone={reload}
              />
            ),
          },
        ]}
        rows={answer?.data?.pendingReviews?.items}
        rowKey={(row) => row.requestId}
        empty="No access awaits review."
      />
    </AnswerSection>
  );
}
