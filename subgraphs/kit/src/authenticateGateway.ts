import type { IncomingMessage } from 'node:http';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { codedError } from '@tessera/policies';
import { requestScopeOf, verifyInternalToken, type RequestIdentity } from '@tessera/runtime';

/**
 * Who the gateway says is asking, from its internal token; anything else is refused. From here on the
 * request is known by the id the gateway signed, whatever its headers said.
 */
export async function authenticateGateway(
  request: IncomingMessage,
  subgraph: string,
  gatewayKeys: JWTVerifyGetKey,
  logger: Logger,
): Promise<RequestIdentity> {
  const { authorization } = request.headers;
  const token = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;
  const scope = requestScopeOf(request);
  try {
    if (!token) throw new Error('no bearer token');
    const identity = await verifyInternalToken(token, subgraph, gatewayKeys);
    if (scope) scope.requestId = identity.requestId;
    return identity;
  } catch (error) {
    logger.warn(
      { reason: (error as Error).message, requestId: scope?.requestId },
      'refused a request without a valid internal token',
    );
    throw codedError('UNAUTHENTICATED', 'This service answers only the Tessera gateway.', { refuseRequest: true });
  }
}
