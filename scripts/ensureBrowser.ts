import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from '../test/fixtures/browser.ts';

// The browser tests drive Debian's chromium. On a machine without it, `pnpm test` installs it as CI does
// (root, apt-get), so that a fresh machine runs every test; anywhere else it says what is missing.
if (!existsSync(chromiumPath)) {
  if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `The browser tests need chromium at ${chromiumPath}: install Debian's chromium, or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log(`No chromium at ${chromiumPath}: installing Debian's chromium for the browser tests.`);
  const apt = (...args: string[]) =>
    execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update', '-qq');
  apt('install', '-y', '-qq', 'chromium');
}
