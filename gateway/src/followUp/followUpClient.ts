import { decodeProtectedHeader } from 'jose';
import { agreements, codedError, isErrorCode, type Principal } from '@tessera/policies';
import { mintInternalToken, type KeyInUse, type RequestIdentity } from '@tessera/runtime';

/** The owners that take follow-up requests: every agency's agreement (the hub has none). */
export const followUpOwners: readonly string[] = agreements
  .filter((agreement) => agreement.ownerAgency !== null)
  .map((agreement) => agreement.owner);

/**
 * Calls an owner's follow-up desk with the caller's identity in an internal token, as any subgraph call;
 * the owner's refusal comes back with its code and words.
 */
export function createFollowUpClient(
  subgraphUrls: () => Readonly<Record<string, string>>,
  signingKey: () => KeyInUse,
  timeoutMs: number,
) {
  return async function call<T>(owner: string, identity: RequestIdentity, input: Record<string, unknown>): Promise<T> {
    const url = subgraphUrls()[owner];
    if (!url || !followUpOwners.includes(owner))
      throw codedError('BAD_USER_INPUT', `${owner} takes no follow-up requests.`);
    let answer: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const response = await fetch(new URL('follow-up', url), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await mintInternalToken(identity, owner, signingKey())}`,
          'content-type': 'application/json',
          'x-request-id': identity.requestId,
        },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(timeoutMs),
      });
      answer = (await response.json()) as typeof answer;
    } catch {
      throw codedError('DOWNSTREAM_SERVICE_ERROR', `The ${owner} service did not answer.`, {
        extensions: { serviceName: owner },
      });
    }
    const refusal = answer.errors?.[0];
    if (refusal) {
      const code = refusal.extensions?.code;
      throw codedError(isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR', refusal.message);
    }
    return answer.data as T;
  };
}

export type FollowUpClient = ReturnType<typeof createFollowUpClient>;

/** The owner a hit's reference was sealed by, from its readable header; a malformed one names nobody. */
export function ownerOfReference(reference: string): string {
  try {
    const owner = decodeProtectedHeader(reference).owner;
    if (typeof owner === 'string' && followUpOwners.includes(owner)) return owner;
  } catch {
    // Refused below, in the same words as a reference no owner accepts.
  }
  throw codedError('BAD_USER_INPUT', 'This reference is not valid for you and this purpose, or has expired.', {
    extensions: { argument: 'reference' },
  });
}

/** The owner whose supervisors a principal is, if any. */
export function ownerSupervisedBy(principal: Principal): string | undefined {
  if (!principal.roles.includes('supervisor')) return undefined;
  return agreements.find((agreement) => agreement.ownerAgency === principal.agency)?.owner;
}
