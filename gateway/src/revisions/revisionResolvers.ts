import { GraphQLScalarType, Kind } from 'graphql';
import { agreementOfAgency, codedError, type Principal } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import type { DeskClient } from '../forward/deskClient.ts';

/** The owner whose records a principal's agency holds: the only records they may correct or withdraw. */
function ownerOf(principal: Principal): string {
  const owner = agreementOfAgency(principal.agency)?.owner;
  if (!owner) throw codedError('FORBIDDEN', 'Only an owner’s own staff correct or withdraw its records.');
  return owner;
}

/** Corrections and withdrawals, taken to the desk of the caller's own agency, which decides and records them. */
export function revisionResolvers(call: DeskClient) {
  return {
    FieldValue: fieldValue,
    Mutation: {
      correctRecord: (
        _: unknown,
        args: { id: string; changes: { field: string; value: unknown }[]; reason: string },
        context: GatewayContext,
      ) => call(ownerOf(context.identity.principal), context.identity, { action: 'correct', ...args }),
      withdrawRecord: (_: unknown, args: { id: string; reason: string }, context: GatewayContext) =>
        call(ownerOf(context.identity.principal), context.identity, { action: 'withdraw', ...args }),
    },
  };
}

/** A field's new value: a text, a number or a boolean, nothing nested (the owner checks it against the field). */
const fieldValue = new GraphQLScalarType({
  name: 'FieldValue',
  parseValue(value) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    throw codedError('BAD_USER_INPUT', 'A field value is a text, a number or a boolean.');
  },
  parseLiteral(node) {
    if (node.kind === Kind.STRING || node.kind === Kind.BOOLEAN) return node.value;
    if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
    throw codedError('BAD_USER_INPUT', 'A field value is a text, a number or a boolean.');
  },
});
