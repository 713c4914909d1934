import type { IncomingMessage } from 'node:http';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { codedError } from '@tessera/policies';
import { jsonExchange, refusalExchange, type Exchange, type RequestIdentity } from '@tessera/runtime';
import { authenticateGateway } from './authenticateGateway.ts';

/** What a desk does for each action its caller names. */
export type DeskActions = Readonly<
  Record<string, (identity: RequestIdentity, input: Record<string, unknown>) => Promise<unknown>>
>;

/**
 * An owner's desk outside query plans (follow-ups, alert releases): a route that answers only the
 * gateway's internal token, takes a JSON body naming one of its actions, and answers `{ data }` or the
 * refusal with its code.
 */
export function ownerDesk(
  options: { readonly owner: string; readonly gatewayKeys: JWTVerifyGetKey; readonly logger: Logger },
  actions: DeskActions,
): (request: IncomingMessage, body: string) => Promise<Exchange> {
  return async (request, body) => {
    try {
      const identity = await authenticateGateway(request, options.owner, options.gatewayKeys, options.logger);
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(body) as Record<string, unknown>;
      } catch {
        throw codedError('BAD_REQUEST', 'The request body is not valid JSON.', { refuseRequest: true });
      }
      const name = input && typeof input.action === 'string' ? input.action : undefined;
      const action = name && Object.hasOwn(actions, name) ? actions[name] : undefined;
      if (!action) throw codedError('BAD_REQUEST', 'Unknown action.', { refuseRequest: true });
      return jsonExchange(200, { data: await action(identity, input) });
    } catch (error) {
      return refusalExchange(error);
    }
  };
}
