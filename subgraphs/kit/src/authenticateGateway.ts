import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { codedError } from '@tessera/policies';
import { verifyInternalToken, type RequestIdentity } from '@tessera/runtime';

/** Who the gateway says is asking, from its internal token; anything else is refused. */
export async function authenticateGateway(
  authorization: string | undefined,
  subgraph: string,
  gatewayKeys: JWTVerifyGetKey,
  logger: Logger,
): Promise<RequestIdentity> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;
  try {
    if (!token) throw new Error('no bearer token');
    return await verifyInternalToken(token, subgraph, gatewayKeys);
  } catch (error) {
    logger.warn({ reason: (error as Error).message }, 'refused a request without a valid internal token');
    throw codedError('UNAUTHENTICATED', 'This service answers only the Tessera gateway.', { refuseRequest: true });
  }
}
