import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConfigurationError } from '@tessera/runtime';
import { readSupergraph } from '../src/readSupergraph.ts';
import { loadTrustedDocuments } from '../src/guard/trustedDocuments.ts';
import { committedSupergraphFile, committedTrustedDocuments } from '../src/index.ts';

// The files the gateway reads at its start: one it cannot use stops it with the file named and why.
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tessera-startup-files-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A reader run to its refusal: what a synchronous reader throws, as what an asynchronous one rejects with. */
const refused = (read: () => unknown) => expect(Promise.resolve().then(read)).rejects;

test('the committed supergraph and reviewed documents are read as they are', async () => {
  expect(await readSupergraph(committedSupergraphFile)).toContain('@link(url: "https://specs.apollo.dev/join');
  expect(loadTrustedDocuments(committedTrustedDocuments).byClient.size).toBeGreaterThan(0);
});

test('a supergraph file that is missing, not GraphQL or no supergraph is named, with why', async () => {
  const advice = "`pnpm compose` writes the supergraph of the hub's subgraphs.";
  const missing = join(folder, 'missing.graphql');
  await refused(() => readSupergraph(missing)).toEqual(
    new ConfigurationError(
      `Cannot use SUPERGRAPH_FILE ${missing}: ENOENT: no such file or directory, open '${missing}'. ${advice}`,
    ),
  );
  const cut = join(folder, 'cut.graphql');
  await writeFile(cut, 'type {');
  await refused(() => readSupergraph(cut)).toEqual(
    new ConfigurationError(`Cannot use SUPERGRAPH_FILE ${cut}: Syntax Error: Expected Name, found "{". ${advice}`),
  );
  const plain = join(folder, 'plain.graphql');
  await writeFile(plain, 'type Query { up: Boolean }');
  await refused(() => readSupergraph(plain)).toEqual(
    new ConfigurationError(`Cannot use SUPERGRAPH_FILE ${plain}: Invalid supergraph: must be a core schema. ${advice}`),
  );
});

test('a reviewed-documents folder that is missing, or a file of it that is not one, is named, with why', async () => {
  const missing = join(folder, 'no-documents');
  await refused(() => loadTrustedDocuments(missing)).toEqual(
    new ConfigurationError(
      `Cannot use TRUSTED_DOCUMENTS_DIR ${missing}: ENOENT: no such file or directory, scandir '${missing}'.`,
    ),
  );
  const documents = join(folder, 'documents');
  await mkdir(documents);
  const shape = 'it must hold { "client": "<name>", "operations": ["<operation text>", ...] }.';
  for (const [name, text, reason] of [
    ['a.json', '{"client":"border","operations":"{ up }"}', shape],
    ['b.json', '{"client":"border","operations":[1]}', shape],
    ['c.json', '{"operations":["{ up }"]}', shape],
    ['d.json', 'null', shape],
    ['e.json', '{"client":', 'Unexpected end of JSON input.'],
  ]) {
    const file = join(documents, name!);
    await writeFile(file, text!);
    await refused(() => loadTrustedDocuments(documents)).toEqual(
      new ConfigurationError(`Cannot use TRUSTED_DOCUMENTS_DIR ${file}: ${reason}`),
    );
    await rm(file);
  }
});
