import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { hubSchemaName } from '@tessera/audit';
import { sqlAt } from '@tessera/hub';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { partners, tokenFor } from './fixtures/principals.ts';
import { buildPage, launchChromium, type TestBrowser } from './fixtures/browser.ts';

// GraphiQL as a partner's browser gets it: the bundle built into a folder of the test's own, served
// by a real gateway, driven by Debian's chromium.
let hub: TestHub;
let browser: TestBrowser;
let bundle: string;

beforeAll(async () => {
  bundle = await buildPage('@tessera/graphiql');
  hub = await startTestHub({ gateway: { graphiqlDir: bundle } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  if (bundle) await rm(bundle, { recursive: true, force: true });
});

/** Replaces the text of the editor the locator names, as a user pasting would. */
async function paste(page: Page, editor: string, text: string) {
  await page.locator(editor).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('a partner pastes a token and a purpose, completes from its contract, and runs a query, all from loopback', async () => {
  const page = await browser.context.newPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const origin = new URL(hub.gateway.url).origin;
  await page.goto(new URL('/graphiql', hub.gateway.url).toString());
  await page.locator('.graphiql-container').waitFor();

  await page.getByRole('button', { name: 'Headers' }).click();
  const token = await tokenFor(hub, partners.customsOfficer);
  // A justification beyond Latin-1, which fetch refuses in a header as it stands: GraphiQL sends it in UTF-8.
  const justification = 'case UI-1 — via Łódź';
  const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'border-control', 'x-justification': justification };
  // GraphiQL ignores a re-fetch while it is still busy loading the page, and an editor still loading can
  // lose a paste (a loaded machine shows both): as a user would, paste the headers and click again until
  // the contract comes.
  const refetch = async () => {
    await paste(page, '.graphiql-editor-tool .graphiql-editor:visible', JSON.stringify(headers));
    const contract = page
      .waitForResponse((response) => new URL(response.url()).pathname === '/contract', { timeout: 5000 })
      .catch(() => undefined);
    await page.getByRole('button', { name: /Re-fetch GraphQL schema/ }).click();
    return (await contract)?.status();
  };
  await expect.poll(refetch, { timeout: 30_000, interval: 0 }).toBe(200);

  const subject = nationalIdOf(demoSubjectIndex);
  await paste(page, '.graphiql-query-editor .graphiql-editor', `{ person(nationalId: "${subject}") { familyName } }`);
  const answered = page.waitForResponse((response) => response.request().postData()?.includes('person(') === true);
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.locator('.graphiql-response').innerText()).toContain('familyName');
  const [recorded] = await sqlAt<{ justification: string }>(
    hub.databaseUrls.hub!,
    `select entry::jsonb ->> 'justification' as justification from ${hubSchemaName}.audit_log where request_id = $1`,
    [(await answered).headers()['x-request-id']],
  );
  expect(recorded?.justification).toBe(justification);

  expect(requested.length).toBeGreaterThan(0);
  for (const url of requested) expect(url.startsWith(origin) || /^(data|blob):/.test(url), url).toBe(true);
});

test('nothing but the bundle is served from /graphiql: traversal and malformed paths are not found', async () => {
  const { port } = new URL(hub.gateway.url);
  const statusOf = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
  expect(await statusOf('/graphiql/')).toBe(200);
  for (const path of [
    '/graphiql/%2e%2e/%2e%2e/package.json',
    '/graphiql/..%2f..%2fpackage.json',
    '/graphiql/%E0%A4%A',
    '/graphiql/assets/nothing.js',
    '/graphiql/index.ts',
  ]) {
    expect(await statusOf(path), path).toBe(404);
  }
});
