import type { IncomingMessage } from 'node:http';
import { agencies, clearances, codedError, isOneOf, privileges, roles, type Principal } from '@tessera/policies';
import { jsonExchange, refusalExchange, type Exchange } from '@tessera/runtime';
import type { ConsultationLog } from '../audit/createConsultationLog.ts';
import type { Authenticate } from '../auth/createAuthenticator.ts';
import { selfOnly, type Bundle } from '../bundleRoute.ts';

/** A partner's identity provider the console signs users in with: OpenID Connect, code flow with PKCE. */
export interface ConsoleOidc {
  readonly authority: string;
  readonly clientId: string;
  readonly scope: string;
}

/** Who the demo's sign-in page makes a token for: what a partner's identity provider would vouch for. */
export type DemoSignInRequest = Omit<Principal, 'issuer'>;

/** The demo's identity providers, minting a token for whoever the page names. Never given in production. */
export type MintDemoToken = (request: DemoSignInRequest) => Promise<string>;

/** How users sign in to the console here, as the page reads it. */
export interface ConsoleSignIn {
  readonly demo: boolean;
  readonly oidc: ConsoleOidc | null;
}

/**
 * The console's bundle: the page is told how users sign in here, and may talk to the hub and to the
 * partner's identity provider only.
 */
export function consoleBundle(folder: string, signIn: ConsoleSignIn): Bundle {
  const identityProvider = signIn.oidc ? ` ${new URL(signIn.oidc.authority).origin}` : '';
  const content = escapeAttribute(JSON.stringify(signIn));
  return {
    mount: '/console',
    name: 'The console',
    folder,
    contentSecurityPolicy: selfOnly({ 'connect-src': `'self'${identityProvider}` }),
    // A function, not a replacement text: a value with `$&` or `$'` in it is written as it is.
    page: (html) =>
      html.replace(/(<meta name="tessera-sign-in" content=")[^"]*(")/, (_, open, close) => open + content + close),
  };
}

/** The largest sign-in request worth reading: a name, an agency, a few roles and privileges. */
const maxSubjectLength = 100;

/**
 * POST /console/sign-in, the demo only: mints a token for the agency, roles, clearance and privileges
 * the page names, from the demo's identity provider, as the partner's own would. It releases no data;
 * like every request it leaves its record, naming who was signed in.
 */
export function createDemoSignInRoute(
  mint: MintDemoToken,
  authenticate: Authenticate,
  consultations: ConsultationLog,
): (request: IncomingMessage, body: string) => Promise<Exchange> {
  return async (request, body) => {
    const draft = consultations.begin(request);
    try {
      const token = await mint(readDemoSignIn(body));
      draft.principal = await authenticate(`Bearer ${token}`, draft.requestId);
      draft.answer = { codes: [], denied: [], hasData: true, reviewRequired: false };
      return jsonExchange(200, { token });
    } catch (error) {
      const refusal = refusalExchange(error);
      draft.answer = { codes: refusal.code ? [refusal.code] : [], denied: [], hasData: false, reviewRequired: false };
      return refusal;
    }
  };
}

/** The page's sign-in request, checked: every problem named at once. */
export function readDemoSignIn(body: string): DemoSignInRequest {
  let input: Partial<Record<keyof DemoSignInRequest, unknown>>;
  try {
    input = JSON.parse(body) as typeof input;
  } catch {
    throw codedError('BAD_REQUEST', 'The sign-in request is not valid JSON.', { refuseRequest: true });
  }
  const problems: string[] = [];
  const listOf = <const T extends readonly string[]>(values: T, value: unknown): T[number][] =>
    Array.isArray(value) && value.every((item) => isOneOf(values, item)) ? [...new Set(value as T[number][])] : [];
  const subject = typeof input?.subject === 'string' ? input.subject.trim() : '';
  if (subject === '' || subject.length > maxSubjectLength)
    problems.push(`subject: 1 to ${maxSubjectLength} characters`);
  if (!isOneOf(agencies, input?.agency)) problems.push(`agency: one of ${agencies.join(', ')}`);
  const chosenRoles = listOf(roles, input?.roles);
  if (chosenRoles.length === 0) problems.push(`roles: at least one of ${roles.join(', ')}`);
  if (!isOneOf(clearances, input?.clearance)) problems.push(`clearance: one of ${clearances.join(', ')}`);
  const chosenPrivileges = listOf(privileges, input?.privileges);
  if (!Array.isArray(input?.privileges) || chosenPrivileges.length !== input.privileges.length) {
    problems.push(`privileges: a list of ${privileges.join(', ')}`);
  }
  if (problems.length > 0) {
    throw codedError('BAD_USER_INPUT', `The sign-in request is incomplete: ${problems.join('; ')}.`, {
      refuseRequest: true,
    });
  }
  return {
    subject,
    agency: input.agency as DemoSignInRequest['agency'],
    roles: chosenRoles,
    clearance: input.clearance as DemoSignInRequest['clearance'],
    privileges: chosenPrivileges,
  };
}

/** JSON in an HTML attribute: its quotes and angle brackets as entities. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
