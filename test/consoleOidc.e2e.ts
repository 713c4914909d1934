import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { hubSchemaName } from '@tessera/audit';
import { sqlAt } from '@tessera/hub';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { startOidcProvider, hubResource, type OidcProvider } from './fixtures/oidcProvider.ts';
import { buildPage, launchChromium, type TestBrowser } from './fixtures/browser.ts';
import type { Partner } from './fixtures/principals.ts';

// The console's production sign-in: OpenID Connect, authorization code with PKCE, against a partner's
// identity provider (node-oidc-provider on loopback), whose access tokens the gateway trusts.
const analyst: Partner = { agency: 'police', roles: ['analyst'], clearance: 'SECRET', privileges: [] };
const subject = nationalIdOf(demoSubjectIndex);
let idp: OidcProvider;
let hub: TestHub;
let browser: TestBrowser;
let bundle: string;

beforeAll(async () => {
  idp = await startOidcProvider(analyst);
  bundle = await buildPage('@tessera/console');
  hub = await startTestHub({
    issuers: [idp.trusted],
    gateway: {
      consoleDir: bundle,
      consoleOidc: { authority: idp.issuer, clientId: 'tessera-console', scope: `openid ${hubResource.scope}` },
    },
  });
  idp.serve({ clientId: 'tessera-console', redirectUri: new URL('/console/', hub.gateway.url).toString() });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await idp?.stop();
  if (bundle) await rm(bundle, { recursive: true, force: true });
});

test('a partner signs in with its identity provider (code flow, PKCE), and the token stays in memory', async () => {
  const { context } = browser;
  // The provider's development pages link a web font; nothing may leave the loopback.
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
  );
  const authorizations: string[] = [];
  const tokenRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/auth') authorizations.push(request.url());
    if (url.pathname === '/token') tokenRequests.push(request.postData() ?? '');
  });
  await page.goto(new URL('/console/', hub.gateway.url).toString());
  // No demo sign-in where the hub has no demo identity providers.
  expect(await page.getByRole('heading', { name: 'Demo identity provider' }).count()).toBe(0);
  await page.getByRole('button', { name: /Sign in with your agency/ }).click();
  await page.getByPlaceholder('Enter any login').fill('analyst-7');
  await page.getByPlaceholder('and password').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByLabel('Purpose').selectOption('intelligence-analysis');
  await page.getByLabel(/^Justification/).fill('analysis A-7');
  const asked = page.waitForRequest(
    (request) => request.method() === 'POST' && new URL(request.url()).pathname === '/',
  );
  await page.getByRole('button', { name: 'Declare purpose' }).click();
  await page.getByLabel('Name or national identifier').fill(subject);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('.picture').waitFor();

  const authorization = new URL(authorizations[0]!);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('response_type')).toBe('code');
  // One exchange of the one code, with the verifier of its challenge.
  expect(tokenRequests).toHaveLength(1);
  expect(tokenRequests[0]).toContain('code_verifier=');
  const token = (await (await asked).allHeaders()).authorization!.replace(/^Bearer /, '');
  const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
  expect(stored).not.toContain(token);
  expect(JSON.stringify(await context.cookies())).not.toContain(token);

  const [record] = await sqlAt<{ entry: string }>(
    hub.databaseUrls.hub!,
    `select entry from ${hubSchemaName}.audit_log where kind = 'consultation' and entry::jsonb #>> '{principal,issuer}' = $1 order by seq desc limit 1`,
    [idp.issuer],
  );
  expect(JSON.parse(record!.entry).principal).toMatchObject({
    issuer: idp.issuer,
    subject: 'analyst-7',
    agency: 'police',
  });

  // In memory only: a reload signs the user out.
  await page.reload();
  await page.getByRole('button', { name: /Sign in with your agency/ }).waitFor();
  expect(await page.getByRole('navigation').count()).toBe(0);
});
