import { useState, type FormEvent } from 'react';
import { NoteForm, useChange } from '../changes.tsx';
import type { Hub } from '../hub.ts';
import { KpiSection } from '../oversight/OversightPage.tsx';
import { AnswerSection, Problems, Table, TextField, Time } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';

interface DisclosureRequest {
  id: string;
  subject: string;
  fields: string[];
  purpose: string;
  justification: string;
  requester: { agency: string; subject: string } | null;
  requestedAt: string;
  deadlineAt: string;
  overdue: boolean;
}

interface DisclosureGrant {
  id: string;
  grantee: { agency: string; subject: string } | null;
  purpose: string;
  fields: string[];
  conditions: string | null;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
}

/** An owner's supervisors: the requests to decide, the grants made, and how their agreement serves. */
export function QueuePage({ hub }: { hub: Hub }) {
  const grants = useAnswer<{ disclosureGrants: DisclosureGrant[] | null }>(
    hub,
    `query ConsoleGrants { disclosureGrants { id grantee { agency subject } purpose fields conditions grantedAt expiresAt revokedAt active } }`,
  );
  return (
    <>
      <RequestQueue hub={hub} onDecided={grants.reload} />
      <AnswerSection title="Grants made" answer={grants.answer}>
        <Table
          caption="Grants, with their conditions; revoke one to end it now"
          columns={[
            { title: 'Grantee', cell: (row) => `${row.grantee?.subject ?? '?'} (${row.grantee?.agency ?? '?'})` },
            { title: 'Fields', cell: (row) => row.fields.join(', ') },
            { title: 'Purpose', cell: (row) => row.purpose },
            { title: 'Conditions', cell: (row) => row.conditions ?? '–' },
            { title: 'Until', cell: (row) => <Time iso={row.revokedAt ?? row.expiresAt} /> },
            {
              title: 'State',
              cell: (row) =>
                row.active ? (
                  <NoteForm
                    hub={hub}
                    label="Reason to revoke"
                    action="Revoke"
                    mutation="mutation ConsoleRevoke($id: ID!, $note: String!) { revokeGrant(id: $id, note: $note) { id active } }"
                    variables={{ id: row.id }}
                    onDone={grants.reload}
                  />
                ) : row.revokedAt ? (
                  'revoked'
                ) : (
                  'expired'
                ),
            },
          ]}
          rows={grants.answer?.data?.disclosureGrants}
          rowKey={(row) => row.id}
          empty="No grant made."
        />
      </AnswerSection>
      <KpiSection hub={hub} />
    </>
  );
}

function RequestQueue({ hub, onDecided }: { hub: Hub; onDecided: () => void }) {
  const { answer, reload } = useAnswer<{ pendingDisclosureRequests: DisclosureRequest[] | null }>(
    hub,
    `query ConsoleQueue { pendingDisclosureRequests { id subject fields purpose justification requester { agency subject } requestedAt deadlineAt overdue } }`,
  );
  const requests = answer?.data?.pendingDisclosureRequests;
  return (
    <AnswerSection title="Requests to decide" answer={answer}>
      {requests && requests.length === 0 ? <p className="empty">No request is waiting.</p> : null}
      {requests?.map((request) => (
        <article key={request.id} className="card" aria-label={`Request ${request.id}`}>
          <h3>
            {request.requester?.subject ?? '?'} ({request.requester?.agency ?? '?'}) asks about {request.subject}
          </h3>
          <p>
            Fields: <strong>{request.fields.join(', ')}</strong>. Purpose: {request.purpose}: {request.justification}.
          </p>
          <p>
            Asked <Time iso={request.requestedAt} />; answer by <Time iso={request.deadlineAt} />
            {request.overdue ? <strong className="overdue"> overdue</strong> : null}.
          </p>
          <Decide
            hub={hub}
            id={request.id}
            onDone={() => {
              reload();
              onDecided();
            }}
          />
        </article>
      ))}
    </AnswerSection>
  );
}

function Decide({ hub, id, onDone }: { hub: Hub; id: string; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [conditions, setConditions] = useState('');
  const [days, setDays] = useState('30');
  const { result, send } = useChange(hub, onDone);
  const decide = (decision: 'APPROVE' | 'REFUSE') =>
    send(
      `mutation ConsoleDecide($id: ID!, $decision: DisclosureDecision!, $note: String!, $conditions: String, $days: Int) {
        decideDisclosure(id: $id, decision: $decision, note: $note, conditions: $conditions, days: $days) { id state grantId } }`,
      { id, decision, note, conditions: conditions.trim() || null, days: decision === 'APPROVE' ? Number(days) : null },
    );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void decide(submitter?.value === 'REFUSE' ? 'REFUSE' : 'APPROVE');
  };
  return (
    <form className="decide" onSubmit={submit}>
      <TextField label="Note (why)" value={note} onChange={setNote} required />
      <TextField label="Conditions of use" value={conditions} onChange={setConditions} />
      <TextField label="Days the grant lasts" value={days} onChange={setDays} type="number" />
      <button type="submit" value="APPROVE" className="primary">
        Approve
      </button>
      <button type="submit" value="REFUSE">
        Refuse
      </button>
      <Problems answer={result} />
    </form>
  );
}
