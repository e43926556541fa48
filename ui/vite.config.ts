// Builds the settings window for the Tauri shell (dist/ is its frontendDist) and runs the
// unit tests in jsdom.
import { defineConfig, type Plugin } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// HACK: Vite's dev server injects styles and opens a websocket for hot reload, which the strict
// CSP in index.html forbids; only `vite dev` gets a relaxed policy, builds keep the strict one.
const relaxCspForDevServer: Plugin = {
  name: "relax-csp-for-dev-server",
  apply: "serve",
  transformIndexHtml: (html) =>
    html
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:1420"),
};

export default defineConfig({
  plugins: [svelte(), svelteTesting(), relaxCspForDevServer],
  clearScreen: false,
  // Tauri's convention: a fixed port the shell's devUrl points at. The texts are the product's
  // one catalogue in ../i18n (the core reads the same files), so the server may read there.
  server: {
    port: 1420,
    strictPort: true,
    host: "localhost",
    fs: { allow: [".", "../i18n"] },
  },
  build: { target: "es2022", sourcemap: false },
  test: {
    environment: "jsdom",
    include: ["tests/unit/**/*.test.ts"],
    // Fixed so date formatting in tests does not depend on the machine.
    env: { TZ: "UTC" },
  },
});
