import { codedError, maxJustificationLength } from '@tessera/policies';
import { nationalIdPattern, readIsoTime } from '@tessera/runtime';
import type { GatewayContext } from '../context.ts';
import type { WatchStore } from './watchStore.ts';
import type { WebhookDelivery } from './webhooks.ts';

/** Watches and alerts, for the partner asking: their own only. */
export function watchResolvers(store: WatchStore, webhooks: WebhookDelivery) {
  return {
    Query: {
      myWatches: (_: unknown, __: unknown, context: GatewayContext) => store.watchesOf(context.identity.principal),
      alerts: (_: unknown, { after }: { after?: string | null }, context: GatewayContext) =>
        store.alertsOf(context.identity.principal, after ? readIsoTime('after', after).toISOString() : null),
      undeliveredAlerts: (_: unknown, __: unknown, context: GatewayContext) =>
        webhooks.deadLetters(context.identity.principal),
    },
    Mutation: {
      watch: (
        _: unknown,
        args: { nationalId: string; justification: string; expiresAt: string },
        context: GatewayContext,
      ) => {
        const { principal, purpose } = context.identity;
        if (!purpose) throw codedError('PURPOSE_REQUIRED', 'A watch serves a declared purpose (X-Purpose).');
        if (!nationalIdPattern.test(args.nationalId)) {
          throw codedError('BAD_USER_INPUT', 'A national identifier is two capital letters and seven digits.');
        }
        if (args.justification.trim() === '' || args.justification.length > maxJustificationLength) {
          const message = `A watch needs its justification (at most ${maxJustificationLength} characters).`;
          throw codedError('BAD_USER_INPUT', message);
        }
        const expiresAt = readIsoTime('expiresAt', args.expiresAt);
        return store.watch(principal, args.nationalId, purpose, args.justification, expiresAt);
      },
      unwatch: (_: unknown, { id }: { id: string }, context: GatewayContext) =>
        store.unwatch(context.identity.principal, id),
    },
  };
}
