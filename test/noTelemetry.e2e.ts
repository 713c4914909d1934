import net from 'node:net';
import { afterAll, expect, test, vi } from 'vitest';
import { startTestHub, type TestHub } from './fixtures/startTestHub.ts';

// What partners share must not leave the hub, and neither may anything about how they use it: the hub
// talks to its subgraphs, its databases and its identity providers only. @apollo/gateway would otherwise
// start a metrics exporter to its vendor and probe a cloud metadata service at start.
let hub: TestHub | undefined;
afterAll(async () => {
  await hub?.stop();
  vi.restoreAllMocks();
});

test('the hub opens no connection beyond loopback while it starts and answers', async () => {
  const destinations: string[] = [];
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    const [first] = args;
    const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number;
    const host =
      typeof options === 'object' ? (options.host ?? options.path ?? 'localhost') : String(args[1] ?? 'localhost');
    destinations.push(host);
    return (connect as (...parameters: unknown[]) => net.Socket).apply(this, args);
  });
  hub = await startTestHub();
  const { status } = await hub.query({ query: '{ person(nationalId: "TS0000001") { familyName } }' });
  expect(status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(destinations.length).toBeGreaterThan(0);
  const loopback = /^(127\.0\.0\.1|localhost|::1|\/.*)$/;
  expect(destinations.filter((host) => !loopback.test(host))).toEqual([]);
});
