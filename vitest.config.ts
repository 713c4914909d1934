import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// Apollo loads graphql-js as CommonJS; vite would give our code the ES build, and graphql-js refuses
// objects from "another module or realm". Point every import of our code at the CommonJS build too.
const graphqlCommonJs = require.resolve('graphql', { paths: [require.resolve('@apollo/server')] });

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCommonJs }] },
  // The workspace's packages are read from their sources, as tsx and tsc read them; dist/ is for deployment.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['**/tests/**/*.test.ts', 'test/**/*.e2e.ts'],
    // Each file's temporary files in a folder of its own, checked empty at its end; a failing test shows
    // what the test hubs warned of meanwhile.
    setupFiles: ['test/fixtures/temporaryFolderPerFile.ts', 'test/fixtures/warningsOnFailure.ts'],
    exclude: ['**/node_modules/**'],
    // The e2e files wait on PostgreSQL, loopback HTTP and their child processes as much as they
    // compute: four at once fill two cores best (measured on 399 tests: 77 s, against 82 s with three).
    maxWorkers: 4,
    // A worker keeps the modules it loaded from one file to the next: nothing in the code keeps state
    // at module level that a test relies on, and loading the hub anew for each file cost a third of the run.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a test waits for may take a hub's answer and a page's rendering under the whole suite: vitest's default
    // of one second failed a console test that waited for the page to show a new answer.
    expect: { poll: { timeout: 20_000 } },
  },
});
