import { decodeJwt } from 'jose';

/** What the signed-in user's token says of them: for showing and for choosing pages, never for deciding. */
export interface Claims {
  readonly subject: string;
  readonly agency: string;
  readonly roles: readonly string[];
  readonly clearance: string;
  readonly privileges: readonly string[];
}

/** Reads a token's claims (the hub verifies it; the console only reads). */
export function claimsOf(token: string): Claims {
  const claims = decodeJwt(token);
  const list = (value: unknown) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []);
  return {
    subject: String(claims.sub ?? ''),
    agency: String(claims.agency ?? ''),
    roles: list(claims.roles),
    clearance: String(claims.clearance ?? ''),
    privileges: list(claims.privileges),
  };
}
