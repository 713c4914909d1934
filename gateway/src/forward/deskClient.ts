import type { Fetcher } from '@apollo/utils.fetcher';
import { agreements, codedError, isErrorCode } from '@tessera/policies';
import { mintInternalToken, type KeyInUse, type Logger, type RequestIdentity } from '@tessera/runtime';
import { unanswered } from './unanswered.ts';

/** The owners with desks (follow-ups, alert releases): every agency's agreement (the hub has none). */
export const deskOwners: readonly string[] = agreements
  .filter((agreement) => agreement.ownerAgency !== null)
  .map((agreement) => agreement.owner);

/**
 * Calls an owner's desk (`follow-up`, `alert`) with the caller's identity in an internal token, as any
 * subgraph call and through the same kind of fetcher (keep-alive connections, a deadline per call); the
 * owner's refusal comes back with its code and words.
 */
export function createDeskClient(
  desk: string,
  subgraphUrls: () => Readonly<Record<string, string>>,
  signingKey: () => KeyInUse,
  fetcher: Fetcher,
  logger: Logger,
) {
  return async function call<T>(owner: string, identity: RequestIdentity, input: Record<string, unknown>): Promise<T> {
    const url = subgraphUrls()[owner];
    if (!url || !deskOwners.includes(owner)) throw codedError('BAD_USER_INPUT', `${owner} has no ${desk} desk.`);
    let answer: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const response = await fetcher(new URL(desk, url).toString(), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await mintInternalToken(identity, owner, signingKey())}`,
          'content-type': 'application/json',
          'x-request-id': identity.requestId,
        },
        body: JSON.stringify(input),
      });
      answer = (await response.json()) as typeof answer;
    } catch (error) {
      const call = { subgraph: owner, desk, requestId: identity.requestId };
      throw unanswered(logger, call, error, `The ${owner} service did not answer.`);
    }
    const refusal = answer.errors?.[0];
    if (refusal) {
      const code = refusal.extensions?.code;
      throw codedError(isErrorCode(code) ? code : 'INTERNAL_SERVER_ERROR', refusal.message);
    }
    return answer.data as T;
  };
}

export type DeskClient = ReturnType<typeof createDeskClient>;
