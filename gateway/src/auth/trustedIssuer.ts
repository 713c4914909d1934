import { agencies, isOneOf, type Agency } from '@tessera/policies';

/** The principal's attributes, each read from a claim the issuer names. */
export const principalClaims = ['agency', 'roles', 'clearance', 'privileges'] as const;
export type PrincipalClaim = (typeof principalClaims)[number];

/** An identity provider whose tokens the gateway accepts, and for whom. */
export interface TrustedIssuer {
  /** The exact `iss` of its tokens. */
  readonly issuer: string;
  /** The `aud` its tokens must carry for this hub. */
  readonly audience: string;
  /**
   * The agencies it vouches for (an agency's own IdP: that agency alone). A token naming any other
   * agency is refused, so one agency's IdP can never speak for another, nor for oversight.
   */
  readonly agencies: readonly Agency[];
  /** Its published key set (fetched, cached, refreshed on an unknown key id). One of the three sources. */
  readonly jwksUrl?: string;
  /** A local JWKS file. */
  readonly jwksFile?: string;
  /** true: the key set is found by OpenID Connect discovery, `<issuer>/.well-known/openid-configuration`. */
  readonly discovery?: true;
  /**
   * Where its tokens carry the principal's attributes when its names differ from the hub's (a dotted
   * path for nested claims, as `realm_access.roles`). Unnamed: the claim of the hub's name. An issuer
   * vouching for one agency may leave the agency claim out of its tokens altogether.
   */
  readonly claims?: Readonly<Partial<Record<PrincipalClaim, string>>>;
}

const example = '{issuer, audience, agencies: [...], jwksUrl | jwksFile | discovery: true, claims?}';

/** Reads TRUSTED_ISSUERS: a JSON list of issuers; every problem is reported through `problem`. */
export function parseTrustedIssuers(text: string | undefined, problem: (message: string) => void): TrustedIssuer[] {
  if (text === undefined) {
    problem(`TRUSTED_ISSUERS is required: a JSON list of ${example}`);
    return [];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    problem('TRUSTED_ISSUERS is not valid JSON');
    return [];
  }
  if (!Array.isArray(value) || value.length === 0) {
    problem('TRUSTED_ISSUERS must be a non-empty JSON list');
    return [];
  }
  const issuers = value.flatMap((entry: unknown, index) => {
    const read = parseIssuer(entry, `TRUSTED_ISSUERS[${index}]`, problem);
    return read ? [read] : [];
  });
  const names = issuers.map((issuer) => issuer.issuer);
  if (new Set(names).size !== names.length) problem('TRUSTED_ISSUERS names an issuer twice');
  return issuers;
}

function parseIssuer(entry: unknown, where: string, problem: (message: string) => void): TrustedIssuer | undefined {
  const fields = (entry ?? {}) as Record<string, unknown>;
  const text = (name: string) =>
    typeof fields[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : undefined;
  const [issuer, audience, jwksUrl, jwksFile] = [text('issuer'), text('audience'), text('jwksUrl'), text('jwksFile')];
  const discovery = fields.discovery === true;
  let ok = true;
  const fail = (message: string) => {
    problem(`${where} ${message}`);
    ok = false;
  };
  if (!issuer || !audience) fail('needs an issuer and an audience');
  if ([jwksUrl, jwksFile, discovery || undefined].filter((source) => source !== undefined).length !== 1)
    fail('needs exactly one of jwksUrl, jwksFile and discovery: true');
  if (jwksUrl !== undefined && !isKeyServerUrl(jwksUrl))
    fail('jwksUrl must be an https URL (http only on the loopback interface)');
  if (discovery && issuer && !isKeyServerUrl(issuer))
    fail('discovery needs an issuer that is an https URL (http only on the loopback interface)');
  const agencyList = fields.agencies;
  if (!Array.isArray(agencyList) || agencyList.length === 0 || !agencyList.every((item) => isOneOf(agencies, item)))
    fail(`agencies must list the agencies it vouches for, of ${agencies.join(', ')}`);
  const claims = parseClaims(fields.claims, fail);
  if (!ok || !issuer || !audience) return undefined;
  return {
    issuer,
    audience,
    agencies: agencyList as Agency[],
    ...(jwksUrl ? { jwksUrl } : {}),
    ...(jwksFile ? { jwksFile } : {}),
    ...(discovery ? { discovery: true as const } : {}),
    ...(claims ? { claims } : {}),
  };
}

function parseClaims(value: unknown, fail: (message: string) => void): TrustedIssuer['claims'] {
  if (value === undefined) return undefined;
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : undefined;
  if (
    !entries ||
    !entries.every(([name, path]) => isOneOf(principalClaims, name) && typeof path === 'string' && path)
  ) {
    fail(`claims maps ${principalClaims.join(', ')} to claim names`);
    return undefined;
  }
  return Object.fromEntries(entries) as TrustedIssuer['claims'];
}

/** Keys are fetched over TLS, except from a server on this machine (a sidecar, a test). */
function isKeyServerUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
}
