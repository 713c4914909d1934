/** How users sign in here, as the gateway serving the page tells it (a meta tag it fills in). */
export interface SignInSettings {
  /** The demo's identity providers mint a token for whoever the sign-in page names. */
  readonly demo: boolean;
  /** The partner's identity provider: OpenID Connect, authorization code with PKCE. */
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
}

export function readSignInSettings(): SignInSettings {
  const content = document.querySelector('meta[name="tessera-sign-in"]')?.getAttribute('content') ?? '';
  try {
    const settings = JSON.parse(content) as Partial<SignInSettings>;
    return { demo: settings.demo === true, oidc: settings.oidc ?? null };
  } catch {
    return { demo: false, oidc: null };
  }
}
