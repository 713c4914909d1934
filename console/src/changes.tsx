import { useState, type FormEvent } from 'react';
import type { Hub, HubAnswer } from './hub.ts';
import { Problems, TextField } from './ui.tsx';

/** Sends changes to the hub; once one is accepted, `onDone` (the page asks again for what it changed). */
export function useChange(hub: Hub, onDone: () => void) {
  const [result, setResult] = useState<HubAnswer<unknown>>();
  const send = async (mutation: string, variables: Record<string, unknown>) => {
    const answer = await hub.ask(mutation, variables);
    setResult(answer);
    if (answer.errors.length === 0) onDone();
  };
  return { result, send };
}

/** A change that needs a reason: one required note, a button, and what the hub said if it refused. */
export function NoteForm({
  hub,
  label,
  action,
  mutation,
  variables,
  onDone,
}: {
  hub: Hub;
  label: string;
  action: string;
  /** Takes the note as `$note`, beside `variables`. */
  mutation: string;
  variables: Record<string, unknown>;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const { result, send } = useChange(hub, onDone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(mutation, { ...variables, note });
  };
  return (
    <form className="inline" onSubmit={submit}>
      <TextField label={label} value={note} onChange={setNote} required />
      <button type="submit">{action}</button>
      <Problems answer={result} />
    </form>
  );
}
