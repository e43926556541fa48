// The browser test: drives Debian's Chromium (playwright-core) against the built dist/ with
// the IPC mocked. Runs in Node; `npm run test:browser` builds first.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["tests/browser/**/*.browser.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
