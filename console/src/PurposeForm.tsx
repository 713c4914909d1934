import { useState, type FormEvent } from 'react';
import {
  maxJustificationLength,
  operationalPurposes,
  purposesRequiringJustification,
  type Purpose,
} from '@tessera/policies/vocabulary';
import type { DeclaredPurpose } from './hub.ts';
import type { Claims } from './session.ts';
import { SelectField, TextField } from './ui.tsx';

/**
 * Purpose first: before any personal data, the user says why they are asking. The purpose and the
 * justification go with every request until the user changes them here, explicitly.
 */
export function PurposeForm({
  claims,
  current,
  onDeclare,
}: {
  claims: Claims;
  current: DeclaredPurpose | null;
  onDeclare: (purpose: DeclaredPurpose) => void;
}) {
  const offered: readonly Purpose[] = claims.roles.includes('auditor') ? ['oversight-audit'] : operationalPurposes;
  const [purpose, setPurpose] = useState<Purpose>(current?.purpose ?? offered[0]!);
  const [justification, setJustification] = useState(current?.justification ?? '');
  const needsJustification = purpose === 'oversight-audit' || purposesRequiringJustification.includes(purpose);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsJustification && justification.trim() === '') return;
    onDeclare({ purpose, justification: justification.trim() });
  };
  return (
    <main id="main" className="purpose">
      <h1>Why are you consulting the hub?</h1>
      <p>
        Every request carries your purpose and justification, is decided by the agreements for that purpose, and is
        recorded with them. Change them here whenever your work changes.
      </p>
      <form onSubmit={submit}>
        <SelectField
          label="Purpose"
          value={purpose}
          options={offered}
          onChange={(value) => setPurpose(value as Purpose)}
        />
        <TextField
          label={needsJustification ? 'Justification (case reference or reason, required)' : 'Justification'}
          value={justification}
          onChange={setJustification}
          required={needsJustification}
          maxLength={maxJustificationLength}
          placeholder="case OP-1234"
        />
        <button type="submit" className="primary">
          Declare purpose
        </button>
      </form>
    </main>
  );
}
