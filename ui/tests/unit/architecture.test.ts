import { describe, expect, it } from "vitest";
import { pageFromHash } from "../../src/lib/navigation";

// Every source file of the app, as text.
const sources = import.meta.glob<string>("/src/**/*.{ts,svelte}", {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("the app's shape", () => {
  it("talks to the backend only through src/lib/ipc.ts", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    const others = Object.entries(sources)
      .filter(([path, text]) => path !== "/src/lib/ipc.ts" && text.includes("@tauri-apps/api"))
      .map(([path]) => path);
    expect(others).toEqual([]);
  });

  it("loads nothing from the network", () => {
    const remote = Object.entries(sources)
      // NOTE: `http://localhost` (no port) is the redirect URI the wizard tells admins to
      // register, shown as text; nothing is loaded from it.
      .filter(([, text]) => /https?:\/\/(?!ipc\.localhost|localhost["/])/.test(text))
      .map(([path]) => path);
    expect(remote).toEqual([]);
  });

  it("opens the page a link or the shell asks for, and Status for anything else", () => {
    expect(pageFromHash("#/logs")).toBe("logs");
    expect(pageFromHash("#settings")).toBe("settings");
    expect(pageFromHash("")).toBe("status");
    expect(pageFromHash("#/nope")).toBe("status");
  });
});
