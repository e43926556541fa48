import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { IpcError, listRuns, setLanguage, status } from "../../src/lib/ipc";

afterEach(() => clearMocks());

describe("the IPC wrapper", () => {
  it("passes the filter and language to the commands under their Rust parameter names", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((command, payload) => {
      calls.push([command, payload]);
      return command === "list_runs" ? [] : null;
    });
    await listRuns({ job: "mail", limit: 10 });
    await setLanguage("de");
    expect(calls).toEqual([
      ["list_runs", { filter: { job: "mail", limit: 10 } }],
      ["set_setting", { key: "language", value: "de" }],
    ]);
  });

  it("hands on the backend's error as it came", async () => {
    const error = { code: "odoo_unreachable", message: "Odoo antwortet nicht.", retryable: true };
    mockIPC(() => {
      throw error;
    });
    const thrown = await status().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(IpcError);
    expect((thrown as IpcError).error).toEqual(error);
  });

  it("turns a failure that is not a backend error into an unexpected, retryable one", async () => {
    mockIPC(() => {
      throw new Error("ipc channel closed");
    });
    const thrown = await status().catch((e: unknown) => e);
    expect((thrown as IpcError).error).toEqual({
      code: "unexpected",
      message: "ipc channel closed",
      retryable: true,
    });
  });
});
