import { useState, type FormEvent } from 'react';
import { maxJustificationLength } from '@tessera/policies/vocabulary';
import type { Hub, HubAnswer } from '../hub.ts';
import { Problems, Section, TextField } from '../ui.tsx';

const dayMs = 86_400_000;

/** Watches the person: the user is alerted when an owner records something about them. */
export function WatchPerson({ hub, nationalId }: { hub: Hub; nationalId: string }) {
  const [justification, setJustification] = useState(hub.purpose?.justification ?? '');
  const [days, setDays] = useState('30');
  const [result, setResult] = useState<HubAnswer<{ watch: { id: string; expiresAt: string } | null }>>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = new Date(Date.now() + Number(days) * dayMs).toISOString();
    setResult(
      await hub.ask<{ watch: { id: string; expiresAt: string } | null }>(
        `mutation ConsoleWatch($nationalId: ID!, $justification: String!, $expiresAt: String!) {
          watch(nationalId: $nationalId, justification: $justification, expiresAt: $expiresAt) { id expiresAt } }`,
        { nationalId, justification, expiresAt },
      ),
    );
  };
  return (
    <Section title="Watch this person">
      <form onSubmit={(event) => void submit(event)}>
        <TextField
          label="Why watch them"
          value={justification}
          onChange={setJustification}
          maxLength={maxJustificationLength}
          required
        />
        <TextField label="For how many days (at most 90)" value={days} onChange={setDays} type="number" />
        <button type="submit">Watch {nationalId}</button>
      </form>
      <Problems answer={result} />
      {result?.data?.watch ? <p role="status">Watching until {result.data.watch.expiresAt}.</p> : null}
    </Section>
  );
}
