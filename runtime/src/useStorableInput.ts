import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { codedError } from '@tessera/policies';

/** Variables are arguments: no legitimate one nests this deep. */
export const maxVariableDepth = 32;

/**
 * Refuses, before anything is planned or read, input that no column could store: a NUL character in an
 * argument (PostgreSQL refuses it in text), or variables nested beyond any argument type. Such input
 * used to reach SQL and come back as a server error; now it is bad input, and recorded as such.
 */
export function useStorableInput<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = inputProblem(document, request.variables, request.operationName);
          if (problem) throw codedError('BAD_USER_INPUT', problem, { refuseRequest: true });
        },
      };
    },
  };
}

function inputProblem(document: DocumentNode, variables: unknown, operationName: unknown): string | undefined {
  if (typeof operationName === 'string' && operationName.includes('\u0000'))
    return 'The operation name holds a NUL character.';
  if (holdsNul(document)) return 'An argument holds a NUL character, which no text can store.';
  // Walked with a stack, not recursion: the nesting is the attacker's to choose.
  const stack: { value: unknown; depth: number }[] = [{ value: variables, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'A variable holds a NUL character, which no text can store.';
    } else if (value !== null && typeof value === 'object') {
      if (depth >= maxVariableDepth) return `Variables nest deeper than ${maxVariableDepth} levels.`;
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return 'A variable holds a NUL character, which no text can store.';
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * Whether a string argument of the operation holds a NUL, found once per parsed operation: the server
 * keeps each operation it has parsed and hands the same document to every request that sends its text,
 * and an owner is sent the same few operations by the gateway all day.
 */
const nulInDocument = new WeakMap<DocumentNode, boolean>();

function holdsNul(document: DocumentNode): boolean {
  let nul = nulInDocument.get(document);
  if (nul === undefined) {
    nul = false;
    visit(document, {
      StringValue(node) {
        if (!node.value.includes('\u0000')) return undefined;
        nul = true;
        return BREAK;
      },
    });
    nulInDocument.set(document, nul);
  }
  return nul;
}
