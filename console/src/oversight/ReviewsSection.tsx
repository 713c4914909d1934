import { useState, type FormEvent } from 'react';
import type { Hub, HubAnswer } from '../hub.ts';
import { Pending, Problems, Section, Table, TextField, Time } from '../ui.tsx';
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
    <Section title="Threat-to-life accesses awaiting review">
      <Pending answer={answer} />
      <Problems answer={answer} />
      <Table
        caption="Accesses under threat-to-life no reviewer has marked reviewed"
        columns={[
          { title: 'When', cell: (row) => <Time iso={row.at} /> },
          { title: 'Who', cell: (row) => `${row.principal?.subject ?? '?'} (${row.principal?.agency ?? '?'})` },
          { title: 'Justification', cell: (row) => row.justification ?? '–' },
          { title: 'Operation', cell: (row) => row.operationName ?? '(unnamed)' },
          { title: 'Review', cell: (row) => <MarkReviewed hub={hub} requestId={row.requestId} onDone={reload} /> },
        ]}
        rows={answer?.data?.pendingReviews?.items}
        rowKey={(row) => row.requestId}
        empty="No access awaits review."
      />
    </Section>
  );
}

function MarkReviewed({ hub, requestId, onDone }: { hub: Hub; requestId: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [result, setResult] = useState<HubAnswer<unknown>>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await hub.ask(
      `mutation ConsoleMarkReviewed($requestId: ID!, $note: String!) { markReviewed(requestId: $requestId, note: $note) { requestId at } }`,
      { requestId, note },
    );
    setResult(answer);
    if (answer.errors.length === 0) onDone();
  };
  return (
    <form className="inline" onSubmit={(event) => void submit(event)}>
      <TextField label={`Review note for ${requestId.slice(0, 8)}`} value={note} onChange={setNote} required />
      <button type="submit">Mark reviewed</button>
      <Problems answer={result} />
    </form>
  );
}
