// What every browser test needs: the built window served on 127.0.0.1, Debian's Chromium
// (never a browser downloaded through npm), and a mocked backend bundled into one classic
// script that runs before the app loads.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { build, type Rolldown } from "vite";
import { serveStatic, type StaticServer } from "./static-server";

/** The ui/ folder. */
export const ui = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where screenshots go (not committed). */
export const results = join(ui, "test-results");

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// From PLATFORM.md: Debian's Chromium starts in well under a second with these.
const chromiumFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Bundles tests/browser/<entry> (mockIPC + a fake backend) into one classic script. */
export async function bundleMockIpc(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ui, "tests/browser", entry), formats: ["iife"], name: "mockIpc" },
    },
  });
  const first = (Array.isArray(output) ? output[0] : output) as Rolldown.RolldownOutput;
  const chunk = first.output.find((item) => item.type === "chunk");
  if (!chunk) throw new Error(`bundling ${entry} produced no script`);
  return chunk.code;
}

/** Serves dist/ and launches Chromium; fails with how to get Chromium when it is missing. */
export async function startBrowser(): Promise<{ server: StaticServer; browser: Browser }> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install -y chromium (never a browser download through npm), or set CHROMIUM_PATH`,
    );
  }
  const server = await serveStatic(join(ui, "dist"));
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags });
  await mkdir(results, { recursive: true });
  return { server, browser };
}
