import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Rebuilds dist/ when src/ changed: the tests that spawn bin/newsdesk.js run the compiled CLI.
    globalSetup: ['tests/helpers/compiled-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
