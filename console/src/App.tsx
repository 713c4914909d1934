import { useCallback, useMemo, useState } from 'react';
import { createHub, type DeclaredPurpose } from './hub.ts';
import { claimsOf } from './session.ts';
import { readSignInSettings } from './signIn/settings.ts';
import { SignInPage } from './signIn/SignInPage.tsx';
import { PurposeForm } from './PurposeForm.tsx';
import { OversightPage } from './oversight/OversightPage.tsx';
import { QueuePage } from './owner/QueuePage.tsx';
import { PeoplePage } from './people/PeoplePage.tsx';
import { WatchesPage } from './watch/WatchesPage.tsx';
import { MapPage } from './map/MapPage.tsx';

const settings = readSignInSettings();

/** The pages a user works with, by what their token says they are; the hub decides what each shows. */
const pagesFor = (roles: readonly string[]) =>
  roles.includes('auditor')
    ? (['Oversight'] as const)
    : roles.includes('supervisor')
      ? (['Disclosure queue', 'People', 'Watches and alerts', 'Hotspot map'] as const)
      : (['People', 'Watches and alerts', 'Hotspot map'] as const);
type PageName = 'Oversight' | 'Disclosure queue' | 'People' | 'Watches and alerts' | 'Hotspot map';

export function App() {
  // Tokens live in this component's memory only: nothing is stored, a reload signs out.
  const [token, setToken] = useState<string>();
  const [purpose, setPurpose] = useState<DeclaredPurpose | null>(null);
  const [changingPurpose, setChangingPurpose] = useState(false);
  const [page, setPage] = useState<PageName>();
  const claims = useMemo(() => (token ? claimsOf(token) : undefined), [token]);
  const [notice, setNotice] = useState<string>();
  const signOut = useCallback((why?: string) => {
    setToken(undefined);
    setPurpose(null);
    setPage(undefined);
    setNotice(why);
  }, []);
  const hub = useMemo(
    () => (token ? createHub(token, purpose, () => signOut('Your sign-in has expired: sign in again.')) : undefined),
    [token, purpose, signOut],
  );
  const signIn = useCallback((next: string) => {
    setToken(next);
    setNotice(undefined);
  }, []);

  if (!token || !claims || !hub) return <SignInPage settings={settings} onToken={signIn} notice={notice} />;
  const pages = pagesFor(claims.roles);
  const shown = page && (pages as readonly PageName[]).includes(page) ? page : pages[0];
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <p className="brand">Tessera</p>
        <p className="who">
          {claims.subject} · {claims.agency} {claims.roles.join(', ')} · {claims.clearance}
        </p>
        {purpose ? (
          <p className="declared">
            Purpose: <strong>{purpose.purpose}</strong>
            {purpose.justification ? ` (${purpose.justification})` : ''}{' '}
            <button type="button" onClick={() => setChangingPurpose(true)}>
              Change purpose
            </button>
          </p>
        ) : null}
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      {!purpose || changingPurpose ? (
        <PurposeForm
          claims={claims}
          current={purpose}
          onDeclare={(declared) => {
            setPurpose(declared);
            setChangingPurpose(false);
          }}
        />
      ) : (
        <>
          <nav aria-label="Pages">
            <ul>
              {pages.map((name) => (
                <li key={name}>
                  <button
                    type="button"
                    aria-current={name === shown ? 'page' : undefined}
                    onClick={() => setPage(name)}
                  >
                    {name}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main">
            <h1>{shown}</h1>
            {shown === 'Oversight' ? <OversightPage hub={hub} /> : null}
            {shown === 'Disclosure queue' ? <QueuePage hub={hub} /> : null}
            {shown === 'People' ? <PeoplePage hub={hub} /> : null}
            {shown === 'Watches and alerts' ? <WatchesPage hub={hub} /> : null}
            {shown === 'Hotspot map' ? <MapPage hub={hub} /> : null}
          </main>
        </>
      )}
    </>
  );
}
