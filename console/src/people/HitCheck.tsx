import { useState, type FormEvent } from 'react';
import type { Hub, HubAnswer } from '../hub.ts';
import { AnswerSection, CheckboxGroup, Problems, Table, TextField, Time } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';

interface Hit {
  kinds: string[];
  contact: string;
  reference: string;
}

type HitCheckAnswer = {
  hits: { subject: string; police: Hit | null; customs: Hit | null; probation: Hit | null }[] | null;
};

/** What a partner most often asks an owner to release after a hit (any field of its records may be asked for). */
const askable: Readonly<Record<string, readonly string[]>> = {
  police: ['IntelligenceReport.summary', 'IntelligenceReport.grading', 'WarningMarker.note', 'Incident.type'],
  customs: ['Seizure.goods', 'Seizure.quantity', 'BorderCrossing.port', 'CustomsFlag.reason'],
  probation: ['SupervisionOrder.riskLevel', 'SupervisionCondition.detail', 'OffenderManager.phone'],
};

/** Hit/no-hit: which owners hold something on the person for this purpose, and the follow-up request. */
export function HitCheck({ hub, nationalId }: { hub: Hub; nationalId: string }) {
  const { answer } = useAnswer<HitCheckAnswer>(
    hub,
    `query ConsoleHits($ids: [ID!]!) { hits(nationalIds: $ids) {
      subject police { kinds contact reference } customs { kinds contact reference } probation { kinds contact reference } } }`,
    { ids: [nationalId] },
  );
  const mine = useAnswer<{ myDisclosureRequests: MyRequest[] | null }>(
    hub,
    `query ConsoleMyRequests { myDisclosureRequests { id owner subject fields state conditions requestedAt decidedAt } }`,
  );
  const check = answer?.data?.hits?.[0];
  const owners = (['police', 'customs', 'probation'] as const).filter((owner) => check?.[owner]);
  return (
    <AnswerSection title="Who holds something? Hit/no-hit" answer={answer}>
      {check && owners.length === 0 ? <p>No agency holds records on {nationalId} that you could ask for.</p> : null}
      {owners.map((owner) => (
        <article key={owner} className="card" aria-label={`Hit: ${owner}`}>
          <h3>
            {owner} holds {check![owner]!.kinds.join(', ')}
          </h3>
          <p>Contact: {check![owner]!.contact}</p>
          <FollowUpRequest hub={hub} owner={owner} reference={check![owner]!.reference} onAsked={mine.reload} />
        </article>
      ))}
      <Table
        caption="Your follow-up requests"
        columns={[
          { title: 'Asked', cell: (row) => <Time iso={row.requestedAt} /> },
          { title: 'Owner', cell: (row) => row.owner },
          { title: 'Subject', cell: (row) => row.subject },
          { title: 'Fields', cell: (row) => row.fields.join(', ') },
          { title: 'State', cell: (row) => row.state },
          { title: 'Conditions', cell: (row) => row.conditions ?? '–' },
        ]}
        rows={mine.answer?.data?.myDisclosureRequests}
        rowKey={(row) => row.id}
        empty="You have made no follow-up request."
      />
    </AnswerSection>
  );
}

interface MyRequest {
  id: string;
  owner: string;
  subject: string;
  fields: string[];
  state: string;
  conditions: string | null;
  requestedAt: string;
  decidedAt: string | null;
}

function FollowUpRequest({
  hub,
  owner,
  reference,
  onAsked,
}: {
  hub: Hub;
  owner: string;
  reference: string;
  onAsked: () => void;
}) {
  const [fields, setFields] = useState<string[]>([]);
  const [justification, setJustification] = useState(hub.purpose?.justification ?? '');
  const [result, setResult] = useState<HubAnswer<{ requestDisclosure: { id: string; state: string } | null }>>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await hub.ask<{ requestDisclosure: { id: string; state: string } | null }>(
      `mutation ConsoleRequestDisclosure($reference: String!, $justification: String!, $fields: [String!]!) {
        requestDisclosure(reference: $reference, justification: $justification, fields: $fields) { id state } }`,
      { reference, justification, fields },
    );
    setResult(answer);
    if (answer.data?.requestDisclosure) onAsked();
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Ask ${owner} to release more`}>
      <CheckboxGroup
        legend={`Ask ${owner} to release`}
        options={askable[owner] ?? []}
        chosen={fields}
        onChange={setFields}
      />
      <TextField label="Justification for the owner" value={justification} onChange={setJustification} required />
      <button type="submit" disabled={fields.length === 0}>
        Ask {owner}
      </button>
      <Problems answer={result} />
      {result?.data?.requestDisclosure ? (
        <p role="status">
          Asked: request {result.data.requestDisclosure.id} is {result.data.requestDisclosure.state}.
        </p>
      ) : null}
    </form>
  );
}
