import { useEffect, useState, type FormEvent } from 'react';
import { agencies, clearances, privileges, roles } from '@tessera/policies/vocabulary';
import { CheckboxGroup, SelectField, TextField } from '../ui.tsx';
import { completeOidcSignIn, isOidcCallback, oidcClient } from './oidc.ts';
import type { SignInSettings } from './settings.ts';

/** The partners the demo is easiest to try as. */
const demoUsers = [
  { label: 'Oversight auditor', agency: 'oversight', roles: ['auditor'], clearance: 'SECRET', privileges: [] },
  {
    label: 'Police investigator',
    agency: 'police',
    roles: ['investigator'],
    clearance: 'SECRET',
    privileges: ['sworn', 'intelligence-certified'],
  },
  { label: 'Police analyst', agency: 'police', roles: ['analyst'], clearance: 'SECRET', privileges: [] },
  { label: 'Police supervisor', agency: 'police', roles: ['supervisor'], clearance: 'SECRET', privileges: ['sworn'] },
  { label: 'Customs officer', agency: 'customs', roles: ['officer'], clearance: 'OFFICIAL', privileges: [] },
  {
    label: 'Offender manager',
    agency: 'probation',
    roles: ['officer'],
    clearance: 'OFFICIAL',
    privileges: ['sworn'],
  },
] as const;

/**
 * Sign-in: with the partner's identity provider (OpenID Connect with PKCE) where one is configured; in
 * the demo, a form that has the demo's identity provider mint a token for the chosen partner.
 */
export function SignInPage({
  settings,
  onToken,
  notice,
}: {
  settings: SignInSettings;
  onToken: (token: string) => void;
  /** Why the user is asked to sign in again, if they were signed out. */
  notice?: string | undefined;
}) {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!settings.oidc || !isOidcCallback()) return;
    completeOidcSignIn(oidcClient(settings.oidc)).then(onToken, (error: Error) =>
      setProblem(`Sign-in failed: ${error.message}`),
    );
  }, [settings, onToken]);
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Tessera</h1>
      {notice ? <p role="status">{notice}</p> : null}
      {problem ? <p role="alert">{problem}</p> : null}
      {settings.oidc ? (
        <button
          type="button"
          onClick={() =>
            void oidcClient(settings.oidc!)
              .signinRedirect()
              .catch((error: Error) => setProblem(error.message))
          }
        >
          Sign in with your agency ({new URL(settings.oidc.authority).host})
        </button>
      ) : null}
      {settings.demo ? <DemoSignIn onToken={onToken} onProblem={setProblem} /> : null}
      {!settings.oidc && !settings.demo ? (
        <p role="alert">No way to sign in is configured on this hub (CONSOLE_OIDC_ISSUER).</p>
      ) : null}
    </main>
  );
}

function DemoSignIn({ onToken, onProblem }: { onToken: (token: string) => void; onProblem: (text: string) => void }) {
  const [subject, setSubject] = useState('demo-user');
  const [agency, setAgency] = useState<string>('police');
  const [chosenRoles, setRoles] = useState<string[]>(['investigator']);
  const [clearance, setClearance] = useState<string>('OFFICIAL');
  const [chosenPrivileges, setPrivileges] = useState<string[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch(new URL('/console/sign-in', window.location.href), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject, agency, roles: chosenRoles, clearance, privileges: chosenPrivileges }),
    });
    const body = (await response.json()) as { token?: string; errors?: { message: string }[] };
    if (body.token) onToken(body.token);
    else onProblem(body.errors?.[0]?.message ?? `Sign-in refused (${response.status}).`);
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="demo-sign-in">
      <h2 id="demo-sign-in">Demo identity provider</h2>
      <p>The demo mints a token for the partner you describe, as that agency’s identity provider would.</p>
      <div className="presets" role="group" aria-label="Demo users">
        {demoUsers.map((user) => (
          <button
            type="button"
            key={user.label}
            onClick={() => {
              setSubject(user.label.toLowerCase().replace(/ /g, '-'));
              setAgency(user.agency);
              setRoles([...user.roles]);
              setClearance(user.clearance);
              setPrivileges([...user.privileges]);
            }}
          >
            {user.label}
          </button>
        ))}
      </div>
      <TextField label="Name" value={subject} onChange={setSubject} required />
      <SelectField label="Agency" value={agency} options={agencies} onChange={setAgency} />
      <CheckboxGroup legend="Roles" options={roles} chosen={chosenRoles} onChange={setRoles} />
      <SelectField label="Clearance" value={clearance} options={clearances} onChange={setClearance} />
      <CheckboxGroup legend="Privileges" options={privileges} chosen={chosenPrivileges} onChange={setPrivileges} />
      <button type="submit" className="primary">
        Sign in
      </button>
    </form>
  );
}
