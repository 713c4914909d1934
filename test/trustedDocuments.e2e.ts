import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { committedTrustedDocuments } from '@tessera/gateway';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

let hub: TestHub;
let borderCheck: string;
let supervisionCheck: string;
beforeAll(async () => {
  hub = await startTestHub();
  const read = async (file: string) =>
    (JSON.parse(await readFile(join(committedTrustedDocuments, file), 'utf8')) as { operations: string[] })
      .operations[0]!;
  borderCheck = await read('customs-border-system.json');
  supervisionCheck = await read('probation-case-system.json');
});
afterAll(() => hub?.stop());

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const customsSystem = {
  sub: 'customs-border-system',
  agency: 'customs',
  roles: ['system'],
  clearance: 'OFFICIAL',
  privileges: [],
};

async function send(claims: Record<string, unknown>, body: Record<string, unknown>) {
  const token = await hub.idp.token(claims);
  const response = await fetch(hub.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'border-control' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] },
  };
}

const byId = (text: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } },
  variables: { id: 'TS0000001' },
});

describe('a client system runs only its registered operations', () => {
  test('by id, the registered operation runs', async () => {
    const { status, body } = await send(customsSystem, byId(borderCheck));
    expect(status).toBe(200);
    expect(body.data.person.police.warningMarkers).toEqual([
      { type: 'VIOLENCE', addedOn: expect.any(String) },
      { type: 'WEAPONS', addedOn: expect.any(String) },
    ]);
  });

  test('by GraphQL-over-HTTP documentId, the registered operation runs', async () => {
    const { status, body } = await send(customsSystem, {
      documentId: `sha256:${sha256(borderCheck)}`,
      variables: { id: 'TS0000001' },
    });
    expect(status).toBe(200);
    expect(body.data.person.police.warningMarkers).toHaveLength(2);
  });

  test('as text, the registered operation runs too', async () => {
    const { status } = await send(customsSystem, { query: borderCheck, variables: { id: 'TS0000001' } });
    expect(status).toBe(200);
  });

  test.each([
    ['any other operation', () => ({ query: '{ person(nationalId: "TS0000001") { familyName } }' })],
    ['another system’s registered operation', () => byId(supervisionCheck)],
    ['an unknown id', () => ({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })],
    ['an unknown documentId', () => ({ documentId: `sha256:${'e'.repeat(64)}` })],
    ['another system’s documentId', () => ({ documentId: `sha256:${sha256(supervisionCheck)}` })],
  ])('%s is refused with PERSISTED_QUERY_NOT_IN_LIST', async (_, body) => {
    const response = await send(customsSystem, body());
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  test('nobody can register a new document: an operation sent with its hash is not kept', async () => {
    const query = '{ person(nationalId: "TS0000001") { familyName } }';
    const person = { sub: 'officer-1', agency: 'customs', roles: ['officer'], clearance: 'OFFICIAL', privileges: [] };
    const registered = await send(person, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(registered.status).toBe(200);
    const reused = await send(customsSystem, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(reused.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  test('a person naming an unknown id is told it is not in the list, not invited to send the text', async () => {
    const person = { sub: 'officer-1', agency: 'customs', roles: ['officer'], clearance: 'OFFICIAL', privileges: [] };
    const response = await send(person, { documentId: `sha256:${'d'.repeat(64)}` });
    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  test('people may still send any operation', async () => {
    const person = { sub: 'officer-1', agency: 'customs', roles: ['officer'], clearance: 'OFFICIAL', privileges: [] };
    const { status, body } = await send(person, { query: '{ person(nationalId: "TS0000001") { familyName } }' });
    expect(status).toBe(200);
    expect(body.data.person.familyName).toEqual(expect.any(String));
  });
});
