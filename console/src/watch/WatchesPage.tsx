import { useEffect, useState } from 'react';
import { createClient } from 'graphql-sse';
import { useChange } from '../changes.tsx';
import type { Hub } from '../hub.ts';
import { AnswerSection, Problems, Section, Table, Time } from '../ui.tsx';
import { useAnswer } from '../useAnswer.ts';

interface Watch {
  id: string;
  subject: string;
  purpose: string;
  justification: string;
  expiresAt: string;
  active: boolean;
  clause: string | null;
}

interface Alert {
  id: string;
  subject: string;
  owner: string;
  kind: string;
  occurredAt: string;
  deliveredAt: string;
  fields: { name: string; value: string }[];
}

/** How far back the stream catches up when the page opens. */
const catchUpMs = 7 * 86_400_000;

const alertFields = `id subject owner kind occurredAt deliveredAt fields { name value }`;

/** The user's watches, and their alerts: those delivered so far, then each one as it is delivered. */
export function WatchesPage({ hub }: { hub: Hub }) {
  const watches = useAnswer<{ myWatches: Watch[] | null }>(
    hub,
    `query ConsoleMyWatches { myWatches { id subject purpose justification expiresAt active clause } }`,
  );
  return (
    <>
      <AnswerSection title="Your watches" answer={watches.answer}>
        <Table
          caption="People you watch, and why"
          columns={[
            { title: 'Subject', cell: (row) => row.subject },
            { title: 'Purpose', cell: (row) => row.purpose },
            { title: 'Justification', cell: (row) => row.justification },
            { title: 'Standing clause', cell: (row) => row.clause ?? '–' },
            { title: 'Until', cell: (row) => <Time iso={row.expiresAt} /> },
            {
              title: 'State',
              cell: (row) =>
                row.active ? <Unwatch hub={hub} id={row.id} subject={row.subject} onDone={watches.reload} /> : 'ended',
            },
          ]}
          rows={watches.answer?.data?.myWatches}
          rowKey={(row) => row.id}
          empty="You watch nobody. Open a person on the People page to watch them."
        />
      </AnswerSection>
      <LiveAlerts hub={hub} />
    </>
  );
}

function Unwatch({ hub, id, subject, onDone }: { hub: Hub; id: string; subject: string; onDone: () => void }) {
  const { result, send } = useChange(hub, onDone);
  return (
    <>
      <button
        type="button"
        onClick={() => void send(`mutation ConsoleUnwatch($id: ID!) { unwatch(id: $id) { id active } }`, { id })}
      >
        Stop watching {subject}
      </button>
      <Problems answer={result} />
    </>
  );
}

/**
 * Alerts over the hub's stream (GraphQL over server-sent events): first those delivered before, then
 * each new one. The stream's opening is a consultation record like any request; so is every alert.
 */
function LiveAlerts({ hub }: { hub: Hub }) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [state, setState] = useState('connecting');
  useEffect(() => {
    setAlerts([]);
    const client = createClient({
      url: new URL('/graphql/stream', window.location.href).toString(),
      headers: () => hub.headers(),
      retryAttempts: 2,
      on: { connecting: () => setState('connecting'), connected: () => setState('live') },
    });
    const stop = client.subscribe<{ alerts: Alert }>(
      {
        query: `subscription ConsoleAlerts($after: String) { alerts(after: $after) { ${alertFields} } }`,
        variables: { after: new Date(Date.now() - catchUpMs).toISOString() },
      },
      {
        next: (message) => {
          const alert = message.data?.alerts;
          if (alert) setAlerts((earlier) => [alert, ...earlier.filter((item) => item.id !== alert.id)]);
          else if (message.errors?.length) setState(`refused: ${message.errors[0]!.message}`);
        },
        error: (error) => setState(`closed: ${error instanceof Error ? error.message : 'the hub refused the stream'}`),
        // The hub ends the stream at once when it sends no live alerts (no broker configured).
        complete: () => setState('closed: this hub sends no live alerts; the catch-up above is all there is'),
      },
    );
    return () => {
      stop();
      client.dispose();
    };
  }, [hub]);
  return (
    <Section title="Alerts">
      <p role="status">Stream: {state}.</p>
      <Table
        caption="Alerts, newest first: what your agreements released at delivery, or a pointer"
        columns={[
          { title: 'Delivered', cell: (row) => <Time iso={row.deliveredAt} /> },
          { title: 'Subject', cell: (row) => row.subject },
          { title: 'Owner', cell: (row) => row.owner },
          { title: 'Event', cell: (row) => row.kind },
          {
            title: 'Released',
            cell: (row) =>
              row.fields.length === 0
                ? 'a pointer only: ask the owner'
                : row.fields.map((field) => `${field.name}: ${field.value}`).join('; '),
          },
        ]}
        rows={alerts}
        rowKey={(row) => row.id}
        empty="No alert yet."
      />
    </Section>
  );
}
