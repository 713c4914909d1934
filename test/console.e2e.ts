import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoSubjectIndex, nationalIdOf } from '@tessera/demo';
import { hubSchemaName } from '@tessera/audit';
import { maxJustificationLength } from '@tessera/policies';
import { sqlAt } from '@tessera/hub';
import { pictureQuery } from '../console/src/people/pictureQuery.ts';
import { city } from '../console/src/map/city.ts';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';
import { startNatsServer, type NatsServer } from './fixtures/natsServer.ts';
import { recordCrossing } from './fixtures/borderSystem.ts';
import { buildPage, launchChromium, type TestBrowser } from './fixtures/browser.ts';
import { partners, queryAs, type Partner } from './fixtures/principals.ts';

// The console as its users get it: the bundle built into a folder of the test's own, served by a real
// gateway with the demo sign-in, driven by Debian's chromium. Screenshots of each page go to
// CONSOLE_SCREENSHOTS (`pnpm screenshots` writes the README's, in docs/console/).
const subject = nationalIdOf(demoSubjectIndex);
const policeAnalyst: Partner = { agency: 'police', roles: ['analyst'], clearance: 'SECRET', privileges: [] };
let hub: TestHub;
let nats: NatsServer;
let browser: TestBrowser;
let bundle: string;
let screenshots: string;
let axeSource: string;
/** The id of every request the console's pages sent to the hub, from its answer's X-Request-Id. */
const consoleRequests: { url: string; requestId: string | undefined }[] = [];
/** Every address a page asked for: the hub's own, and nothing else. */
const origins = new Set<string>();

beforeAll(async () => {
  bundle = await buildPage('@tessera/console');
  screenshots = process.env.CONSOLE_SCREENSHOTS ?? (await mkdtemp(join(tmpdir(), 'tessera-screenshots-')));
  await mkdir(screenshots, { recursive: true });
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  nats = await startNatsServer();
  hub = await startTestHub({ demoSignIn: true, natsUrl: nats.url, gateway: { consoleDir: bundle } });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await nats?.[Symbol.asyncDispose]();
  if (bundle) await rm(bundle, { recursive: true, force: true });
  if (screenshots && !process.env.CONSOLE_SCREENSHOTS) await rm(screenshots, { recursive: true, force: true });
});

/** A fresh page (nothing shared with the others: tokens live in a page’s memory) watching what the console asks. */
async function openConsole(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  page.on('response', (response) => {
    const kind = response.request().resourceType();
    if (kind === 'fetch' || kind === 'xhr' || kind === 'eventsource') {
      consoleRequests.push({ url: response.url(), requestId: response.headers()['x-request-id'] });
    }
  });
  await page.goto(new URL('/console/', hub.gateway.url).toString());
  return page;
}

/** Signs in as one of the demo's partners, and declares a purpose. */
async function signIn(user: string, purpose: string, justification: string): Promise<Page> {
  const page = await openConsole();
  await page.getByRole('button', { name: user }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Purpose').selectOption(purpose);
  await page.getByLabel(/^Justification/).fill(justification);
  await page.getByRole('button', { name: 'Declare purpose' }).click();
  await page.getByRole('button', { name: 'Change purpose' }).waitFor();
  return page;
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2 A and AA). */
async function accessibilityViolations(page: Page) {
  // Evaluated by the browser's debugger, which the page's Content-Security-Policy does not stop.
  await page.evaluate(axeSource);
  const { checked, violations } = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
    type Axe = { run(options: object): Promise<{ passes: object[]; violations: Violation[] }> };
    const { axe } = globalThis as unknown as { axe: Axe };
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return { checked: result.passes.length, violations: result.violations };
  });
  expect(checked).toBeGreaterThan(10);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

test('the sign-in and purpose pages are accessible, and a bad sign-in is refused with the reason', async () => {
  const page = await openConsole();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'sign-in');
  await page.getByRole('checkbox', { name: 'investigator' }).uncheck();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('roles: at least one of');

  await page.getByRole('button', { name: 'Customs officer' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Declare purpose' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'purpose');
  // No personal data before a purpose: the purpose page is all there is.
  expect(await page.getByRole('navigation').count()).toBe(0);
  // A justification takes no more than the hub accepts, so a long one is not refused on every request.
  const justification = page.getByLabel(/^Justification/);
  await justification.pressSequentially('x'.repeat(maxJustificationLength + 20), { delay: 0 });
  expect((await justification.inputValue()).length).toBe(maxJustificationLength);
});

describe('oversight', () => {
  let emergency: string;

  beforeAll(async () => {
    const { body } = await queryAs(
      hub,
      partners.customsInvestigator,
      'threat-to-life',
      { query: `{ person(nationalId: "${subject}") { familyName police { warningMarkers { type } } } }` },
      'missing person, risk to life',
    );
    emergency = (body.extensions as { tessera: { requestId: string } }).tessera.requestId;
    // And one refused consultation, for the chart to show.
    expect(
      (await hub.query({ query: '{ person(nationalId: "TS0000001") { familyName } }' }, { token: null })).status,
    ).toBe(401);
  });

  test('an auditor sees the consultations by outcome and marks a threat-to-life access reviewed', async () => {
    const page = await signIn('Oversight auditor', 'oversight-audit', 'inspection 2026/11');
    const chart = page.getByTestId('activity-chart');
    await chart.waitFor();
    const refused = chart.locator('rect[data-outcome="refused"]');
    await expect.poll(() => refused.count()).toBeGreaterThan(0);
    expect(Number(await refused.first().getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await chart.locator('rect[data-outcome="allowed"]').count()).toBeGreaterThan(0);
    await page.getByText('Every chain is complete and unaltered').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'oversight');

    const note = page.getByLabel(`Review note for ${emergency.slice(0, 8)}`);
    await note.fill('Proportionate: a risk to life was recorded');
    await page.locator('form', { has: note }).getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByText('No access awaits review.').waitFor();
    const { body } = await queryAs(hub, partners.overseer, 'oversight-audit', {
      query: `query($id: String) { consultations(filter: { subject: $id }) { items { requestId review { reviewer note } } } }`,
      variables: { id: 'customs-investigator' },
    });
    const reviewed = (body.data as any).consultations.items.find((item: any) => item.requestId === emergency);
    expect(reviewed.review).toEqual({
      reviewer: 'oversight-auditor',
      note: 'Proportionate: a risk to life was recorded',
    });
  });
});

describe('a customs officer, a police supervisor, and the follow-up between them', () => {
  let officer: Page;
  // Beyond Latin-1, which fetch refuses in a header as it stands: the console sends it in UTF-8.
  const justification = 'stopped at Dover, case UI-2 — via Łódź';

  test('a customs officer sees every withheld field in place, with its rule', async () => {
    officer = await signIn('Customs officer', 'border-control', justification);
    await officer.getByLabel('Name or national identifier').fill(subject);
    await officer.getByRole('button', { name: 'Search' }).click();
    const picture = officer.locator('.picture');
    await picture.waitFor();

    const { body } = await queryAs(hub, partners.customsOfficer, 'border-control', {
      query: pictureQuery,
      variables: { id: subject },
    });
    const withheld = (body.errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN');
    expect(withheld.length).toBeGreaterThan(0);
    await expect.poll(() => picture.locator('.withheld').count()).toBe(withheld.length);
    const intelligence = withheld.find((error) => error.path?.join('/') === 'person/police/intelligenceReports');
    const shown = picture.locator('[data-field="intelligenceReports"] > dd > .withheld');
    expect(await shown.getAttribute('data-rule')).toBe(intelligence?.extensions?.rule);
    expect(await shown.textContent()).toContain(String(intelligence?.extensions?.legalBasis));
    expect(await accessibilityViolations(officer)).toEqual([]);
    await screenshot(officer, 'person');
  });

  test('the officer asks the police to release more after a hit', async () => {
    const hit = officer.getByRole('article', { name: 'Hit: police' });
    await hit.getByRole('checkbox', { name: 'IntelligenceReport.summary' }).check();
    await hit.getByRole('button', { name: 'Ask police' }).click();
    await hit.getByRole('status').filter({ hasText: 'is PENDING' }).waitFor();
    await screenshot(officer, 'hit-and-follow-up');
  });

  test('a police supervisor approves it with a condition, and the officer’s view changes', async () => {
    const supervisor = await signIn('Police supervisor', 'criminal-investigation', 'disclosure desk');
    const request = supervisor.getByRole('article').filter({ hasText: `asks about ${subject}` });
    await request.getByText(`Purpose: border-control: ${justification}.`).waitFor();
    await request.getByLabel('Note (why)').fill('Proportionate to the stop');
    await request.getByLabel('Conditions of use').fill('Not to be passed on');
    expect(await accessibilityViolations(supervisor)).toEqual([]);
    await screenshot(supervisor, 'disclosure-queue');
    await request.getByRole('button', { name: 'Approve' }).click();
    await supervisor.getByText('No request is waiting.').waitFor();
    await supervisor.getByRole('cell', { name: 'Not to be passed on' }).waitFor();

    const reports = officer.locator('.picture [data-field="intelligenceReports"]');
    await officer.getByRole('button', { name: 'Ask again' }).click();
    await expect.poll(() => reports.locator('[data-field="summary"]').count()).toBeGreaterThan(0);
    expect(await reports.locator(':scope > dd > .withheld').count()).toBe(0);
    expect(await reports.locator('[data-field="summary"] .withheld').count()).toBe(0);
  });
});

test('an analyst’s map shows the suppressed hexagons as such, as the hub answered them', async () => {
  const page = await signIn('Police analyst', 'intelligence-analysis', 'analysis A-1');
  await page.getByRole('button', { name: 'Hotspot map' }).click();
  await page.getByLabel('First month').fill('2026-08');
  await page.getByLabel('Last month').fill('2026-10');
  await page.getByLabel(/^Hexagon resolution/).selectOption('9');

  const { body } = await queryAs(hub, policeAnalyst, 'intelligence-analysis', {
    query: `query($area: AreaInput!) { hotspots(area: $area, from: "2026-08-01", to: "2026-11-01", resolution: 9) {
      features { properties { cell suppressed count } } } }`,
    variables: { area: city.area },
  });
  const features = (body.data as any).hotspots.features as {
    properties: { suppressed: boolean; count: number | null };
  }[];
  const suppressed = features.filter((feature) => feature.properties.suppressed).length;
  expect(suppressed).toBeGreaterThan(0);
  const map = page.getByTestId('hotspot-map');
  await expect.poll(() => map.locator('[data-suppressed="true"]').count()).toBe(suppressed);
  expect(await map.locator('[data-cell]').count()).toBe(features.length);
  // A wholly withheld hexagon shows no count, only the hatching.
  const hidden = features.filter((feature) => feature.properties.suppressed && feature.properties.count === null);
  expect(await map.locator('[data-suppressed="true"]:not([data-count])').count()).toBe(hidden.length);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'hotspot-map');
});

test('an offender manager watches a person and the alert arrives live, through the gateway’s stream', async () => {
  const page = await signIn('Offender manager', 'offender-management', 'CRN X000000');
  await page.getByLabel('Name or national identifier').fill(subject);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Why watch them').fill('supervision order SO-1');
  await page.getByRole('button', { name: `Watch ${subject}` }).click();
  await page.getByText('Watching until').waitFor();

  await page.getByRole('button', { name: 'Watches and alerts' }).click();
  await page.getByRole('cell', { name: 'supervision order SO-1' }).waitFor();
  await page.getByText('Stream: live.').waitFor();
  expect(consoleRequests.some((request) => new URL(request.url).pathname === '/graphql/stream')).toBe(true);
  expect((await recordCrossing(hub, subject)).body.errors).toBeUndefined();
  await page.getByRole('cell', { name: 'crossing.recorded' }).waitFor({ timeout: 20_000 });
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'watches');
});

test('a token the hub no longer accepts signs the user out, with the reason', async () => {
  const page = await signIn('Police investigator', 'criminal-investigation', 'case OP-9');
  const expired = await hub.idp.token(
    {
      sub: 'police-investigator',
      ...partners.policeInvestigator,
      roles: [...partners.policeInvestigator.roles],
      privileges: [...partners.policeInvestigator.privileges],
    },
    { expiresIn: -60 },
  );
  // The page's token, as it would be an hour later.
  await page.route(
    (url) => url.pathname === '/',
    (route) => route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${expired}` } }),
  );
  await page.getByLabel('Name or national identifier').fill(subject);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Your sign-in has expired: sign in again.').waitFor();
  expect(await page.getByRole('navigation').count()).toBe(0);
});

test('no cache keeps a token or an answer; only the console’s built files may be kept', async () => {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const signIn = await post(new URL('/console/sign-in', hub.gateway.url).toString(), {
    subject: 'cache-check',
    ...policeAnalyst,
  });
  expect(signIn.status).toBe(200);
  const { token } = (await signIn.json()) as { token: string };
  const answer = await post(
    hub.gateway.url,
    { query: `{ person(nationalId: "${subject}") { familyName } }` },
    { authorization: `Bearer ${token}`, 'x-purpose': 'criminal-investigation', 'x-justification': 'case OP-9' },
  );
  expect(((await answer.json()) as { data?: unknown }).data).toBeTruthy();
  const refused = await post(hub.gateway.url, { query: '{ __typename }' });
  expect(refused.status).toBe(401);
  const owner = await post(hub.subgraphs[0]!.url, { query: '{ __typename }' });
  expect(owner.status).toBe(401);
  for (const sent of [signIn, answer, refused, owner]) expect(sent.headers.get('cache-control')).toBe('no-store');
  const page = await fetch(new URL('/console/', hub.gateway.url));
  expect(page.headers.get('cache-control')).toBe('no-cache');
  const script = /src="([^"]+\.js)"/.exec(await page.text())?.[1];
  expect(script).toBeDefined();
  const built = await fetch(new URL(script!, new URL('/console/', hub.gateway.url)));
  expect(built.status).toBe(200);
  expect(built.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('every request the console made is a consultation record, and it asked nothing but the hub', async () => {
  expect([...origins]).toEqual([new URL(hub.gateway.url).origin]);
  expect(consoleRequests.length).toBeGreaterThan(20);
  const ids = consoleRequests.map((request) => request.requestId);
  expect(ids.every((id) => typeof id === 'string')).toBe(true);
  const recorded = await sqlAt<{ request_id: string }>(
    hub.databaseUrls.hub!,
    `select request_id from ${hubSchemaName}.audit_log where kind = 'consultation' and request_id = any($1)`,
    [ids],
  );
  expect(new Set(recorded.map((row) => row.request_id))).toEqual(new Set(ids));
});
