import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import {
  createTestDatabases,
  deployFleet,
  ensureDeploymentKeys,
  hubDatabaseName,
  subgraphs,
  type RunningFleet,
  type TestDatabases,
} from '@tessera/hub';
import { createTestIdentityProvider, type TestIdentityProvider } from './fixtures/testIdentityProvider.ts';
import { partners } from './fixtures/principals.ts';
import { postGraphQL } from './fixtures/startTestHub.ts';
import { startOtlpReceiver, type OtlpReceiver } from './fixtures/otlpReceiver.ts';

// The README's Deploying section, run: a build, the keys, a database each, and every part its own
// `node dist/...` process configured by the variables of its command there.
const run = promisify(execFile);
let databases: TestDatabases;
let fleet: RunningFleet;
let idp: TestIdentityProvider;
let keyFolder: string;
let traces: OtlpReceiver;

beforeAll(async () => {
  await run('pnpm', ['-s', 'build']);
  databases = await createTestDatabases([...subgraphs.map(({ module }) => module.name), hubDatabaseName]);
  keyFolder = await mkdtemp(join(tmpdir(), 'tessera-fleet-keys-'));
  idp = await createTestIdentityProvider();
  traces = await startOtlpReceiver();
  fleet = await deployFleet({
    databases: databases.urls,
    keys: await ensureDeploymentKeys(keyFolder),
    trustedIssuers: [idp.issuer],
    seedSize: 200,
    ports: 'free',
    // A process announces its URL at level info.
    logLevel: 'info',
    telemetry: traces.env,
  });
}, 240_000);
afterAll(async () => {
  await fleet?.stop();
  await databases?.[Symbol.asyncDispose]();
  await traces?.close();
  await idp?.dispose();
  if (keyFolder) await rm(keyFolder, { recursive: true, force: true });
});

const ask = async (partner: (typeof partners)[keyof typeof partners], purpose: string, query: string) =>
  postGraphQL(
    fleet.gatewayUrl,
    { query },
    {
      authorization: `Bearer ${await idp.token({
        sub: `${partner.agency}-${partner.roles[0]}`,
        ...partner,
        roles: [...partner.roles],
        privileges: [...partner.privileges],
      })}`,
      'x-purpose': purpose,
      'x-justification': 'case FLEET-1',
    },
  );

test('every part is its own process, given the variables of its command in the README', async () => {
  expect(fleet.processes.map((part) => part.name)).toEqual([
    ...subgraphs.map(({ module }) => module.name),
    'oversight',
    'gateway',
  ]);
  const readme = await readFile('README.md', 'utf8');
  const commands = /## Deploying[\s\S]*?```sh\n([\s\S]*?)```/
    .exec(readme)![1]!
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
  const variablesOf = (entry: string) => {
    const command = commands.find((line) => line.endsWith(`node ${entry}`));
    return command === undefined
      ? undefined
      : [...command.matchAll(/(?:^|\s)([A-Z_]+)=/g)].map((match) => match[1]!).sort();
  };
  // The README shows the police; every other agency's command is the police's under its own name.
  const police = variablesOf('subgraphs/police/dist/main.js')!;
  for (const part of fleet.processes) {
    // How much demo data and how much log are the test's own choices.
    const given = Object.keys(part.env).filter((name) => !/^(TESSERA_SEED_SIZE|LOG_LEVEL)$/.test(name));
    const shown = variablesOf(part.entry);
    if (shown) expect(given.sort(), part.name).toEqual(shown);
    else {
      const renamed = police.map((name) => name.replace(/^POLICE_/, `${part.name.toUpperCase()}_`));
      expect(renamed, part.name).toEqual(expect.arrayContaining(given));
    }
    expect(part.entry).toMatch(/\/dist\/\w+\.js$/);
  }
});

test('every process answers GET /metrics', async () => {
  for (const part of fleet.processes) {
    const response = await fetch(new URL('/metrics', part.url));
    expect(response.status, part.name).toBe(200);
    expect(await response.text()).toContain('tessera_http_requests_total');
  }
});

test('answers a partner, then every oversight question, and audit:verify passes on its logs', async () => {
  const subject = nationalIdOf(demoSubjectIndex);
  const partner = await ask(
    partners.customsOfficer,
    'border-control',
    `{ person(nationalId: "${subject}") { familyName police { warningMarkers { type } } } }`,
  );
  expect(partner.status).toBe(200);
  expect((partner.body.data as any).person.police.warningMarkers.length).toBeGreaterThan(0);

  const oversight = await ask(
    partners.overseer,
    'oversight-audit',
    `{ consultations(filter: { person: "${subject}" }) { items { principal { agency } purpose outcome } }
       disclosures(owner: "police", recipient: "customs") { items { type } }
       pendingReviews { items { requestId } }
       auditIntegrity { ok chains { chain ok } reconciliation { ok } } }`,
  );
  expect(oversight.body.errors).toBeUndefined();
  const data = oversight.body.data as any;
  expect(data.consultations.items).toContainEqual({
    principal: { agency: 'customs' },
    purpose: 'border-control',
    outcome: 'ALLOWED',
  });
  expect(data.disclosures.items.length).toBeGreaterThan(0);
  expect(data.auditIntegrity.ok).toBe(true);
  expect(data.auditIntegrity.chains.map((chain: { chain: string }) => chain.chain)).toEqual([
    'hub',
    'police',
    'customs',
    'probation',
    'register',
  ]);

  const verified = await run('pnpm', ['-s', 'audit:verify'], {
    env: {
      ...process.env,
      AUDIT_KEY_FOLDER: keyFolder,
      ...Object.fromEntries(
        Object.entries(databases.urls).map(([name, url]) => [`${name.toUpperCase()}_DATABASE_URL`, url]),
      ),
    },
  });
  expect(verified.stdout).toMatch(/all matched/);
});

test('one partner request is one trace, through the gateway, each owner it called and their SQL', async () => {
  const subject = nationalIdOf(demoSubjectIndex);
  const response = await ask(
    partners.customsOfficer,
    'border-control',
    `{ person(nationalId: "${subject}") { familyName police { warningMarkers { type } } } }`,
  );
  const requestId = (response.body.extensions as { tessera: { requestId: string } }).tessera.requestId;
  const ofRequest = () => traces.spans.filter((span) => span.traceId === requestId);
  // Each process exports in batches, and the gateway's request span ends last: wait for all of it.
  const roots = () => ofRequest().filter((span) => span.parentSpanId === '');
  await expect
    .poll(() => ({ services: new Set(ofRequest().map((span) => span.service)), roots: roots().length }), {
      timeout: 10_000,
    })
    .toEqual({ services: new Set(['tessera-gateway', 'tessera-police', 'tessera-register']), roots: 1 });
  const spans = ofRequest();
  expect(roots().map((root) => root.service)).toEqual(['tessera-gateway']);
  const ids = new Set(spans.map((span) => span.spanId));
  for (const span of spans) if (span.parentSpanId) expect(ids.has(span.parentSpanId), span.name).toBe(true);
  const scopes = (service: string) =>
    new Set(spans.filter((span) => span.service === service).map((span) => span.scope));
  for (const service of ['tessera-police', 'tessera-register']) {
    expect([...scopes(service)]).toEqual(
      expect.arrayContaining([
        '@opentelemetry/instrumentation-http',
        '@opentelemetry/instrumentation-graphql',
        '@opentelemetry/instrumentation-pg',
      ]),
    );
  }
  // Nothing in a span names the person asked about.
  expect(JSON.stringify(spans)).not.toContain(subject);
});
