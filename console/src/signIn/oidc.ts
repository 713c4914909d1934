import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInSettings } from './settings.ts';

/** Where the identity provider sends the user back: the console itself. */
const redirectUri = new URL('/console/', window.location.href).toString();

/**
 * The partner's identity provider, authorization code flow with PKCE (oidc-client-ts). The tokens are
 * kept in memory only: a reload or a closed tab signs the user out. Only the flow's state (the PKCE
 * verifier, for the one redirect) passes through session storage, as the library requires.
 */
export function oidcClient(oidc: NonNullable<SignInSettings['oidc']>): UserManager {
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: oidc.scope,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    loadUserInfo: false,
    automaticSilentRenew: false,
  });
}

/** Whether the page was opened by the identity provider's redirect, with a code to exchange. */
export function isOidcCallback(): boolean {
  const params = new URL(window.location.href).searchParams;
  return params.has('state') && (params.has('code') || params.has('error'));
}

let completion: Promise<string> | undefined;

/**
 * Completes the sign-in the redirect brought back, then drops the code from the address bar. A code is
 * good for one exchange: asked twice (the page mounted twice), the one exchange answers both.
 */
export function completeOidcSignIn(client: UserManager): Promise<string> {
  completion ??= client
    .signinRedirectCallback()
    .then((user) => user.access_token)
    .finally(() => window.history.replaceState(null, '', redirectUri));
  return completion;
}
