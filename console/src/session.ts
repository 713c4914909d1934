/** What the signed-in user's token says of them: for showing and for choosing pages, never for deciding. */
export interface Claims {
  readonly subject: string;
  readonly agency: string;
  readonly roles: readonly string[];
  readonly clearance: string;
  readonly privileges: readonly string[];
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** Reads a token's claims (the hub verifies it; the console only reads). */
export function claimsOf(token: string): Claims {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(json) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);
  return {
    subject: String(claims.sub ?? ''),
    agency: String(claims.agency ?? ''),
    roles: list(claims.roles),
    clearance: String(claims.clearance ?? ''),
    privileges: list(claims.privileges),
    expiresAt: Number(claims.exp ?? 0),
  };
}
