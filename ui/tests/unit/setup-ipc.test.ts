import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import * as ipc from "../../src/lib/ipc";
import { pageFromHash, pages } from "../../src/lib/navigation";
import { checkMicrosoftForm, checkOdooForm, groupSettings, looksLikeApiKey } from "../../src/lib/setup";
import { fixtureSettingEntries } from "../setup-fixtures";

afterEach(() => clearMocks());

describe("the wizard's IPC calls", () => {
  it("send exactly the command names and arguments the README's contract names", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((command, payload) => {
      calls.push([command, payload]);
      return null;
    });
    const request = { client_id: "id", tenant: "organizations", client_secret: null };
    await ipc.odooDatabases("contoso.odoo.com");
    await ipc.connectOdoo({ url: "contoso.odoo.com", db: null, login: "anna", secret: "k" });
    await ipc.signInMicrosoft(request);
    await ipc.startDeviceCode(request);
    await ipc.finishDeviceCode();
    await ipc.cancelMicrosoftSignIn();
    await ipc.testConnection();
    await ipc.listMailFolders(null);
    await ipc.listMailFolders("AAMk-inbox");
    await ipc.createMailFolder("Odoo Eingang");
    await ipc.getSettingEntries();
    await ipc.setSettingValue("mail.delete_after_transfer", "true");
    await ipc.setSettingValue("calendar.start_date", null);
    expect(calls).toEqual([
      ["odoo_databases", { url: "contoso.odoo.com" }],
      ["connect_odoo", { request: { url: "contoso.odoo.com", db: null, login: "anna", secret: "k" } }],
      ["sign_in_microsoft", { request }],
      ["start_device_code", { request }],
      ["finish_device_code", {}],
      ["cancel_microsoft_sign_in", {}],
      ["test_connection", {}],
      ["list_mail_folders", { parentId: null }],
      ["list_mail_folders", { parentId: "AAMk-inbox" }],
      ["create_mail_folder", { name: "Odoo Eingang" }],
      ["get_setting_entries", {}],
      ["set_setting", { key: "mail.delete_after_transfer", value: "true" }],
      ["set_setting", { key: "calendar.start_date", value: null }],
    ]);
  });
});

describe("the wizard's own checks", () => {
  it("accept the address forms people paste and refuse what cannot be one", () => {
    const base = { db: "", login: "anna", secret: "k" };
    for (const url of ["contoso.odoo.com", "https://contoso.odoo.com/odoo", "http://localhost:8069", "10.0.0.5:8069", "http://127.0.0.1:8069", "https://192.168.1.20/odoo"]) {
      expect(checkOdooForm({ ...base, url }), url).toEqual({});
    }
    expect(checkOdooForm({ ...base, url: "contoso" }).url).toBe("setup.odoo.url.invalid");
    expect(checkOdooForm({ ...base, url: "my company.odoo.com" }).url).toBe("setup.odoo.url.invalid");
  });

  it("know a client ID, the tenant forms and that a Web app needs its secret", () => {
    const ok = { clientId: "5A1F3C2E-8B4D-4E6F-9A0B-1C2D3E4F5A6B", tenant: "contoso.onmicrosoft.com", web: false, secret: "" };
    expect(checkMicrosoftForm(ok)).toEqual({});
    expect(checkMicrosoftForm({ ...ok, tenant: "common" })).toEqual({});
    expect(checkMicrosoftForm({ ...ok, tenant: "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e" })).toEqual({});
    expect(checkMicrosoftForm({ ...ok, clientId: "5a1f3c2e8b4d4e6f9a0b1c2d3e4f5a6b" }).clientId).toBe("setup.ms.clientId.invalid");
    expect(checkMicrosoftForm({ ...ok, web: true })).toEqual({ secret: "setup.ms.secret.missing" });
  });

  it("tell an Odoo API key from a password", () => {
    expect(looksLikeApiKey(" 3f9a1c0e7b2d4a6c8e0f1a2b3c4d5e6f7a8b9c0d ")).toBe(true);
    expect(looksLikeApiKey("Sommer2026!")).toBe(false);
  });

  it("group the options by job, endpoints last, and leave wizard-owned keys out", () => {
    const groups = groupSettings(fixtureSettingEntries());
    expect(groups.map((g) => g.group)).toEqual(["general", "mail", "calendar", "contacts", "advanced"]);
    expect(groups[0]?.entries.map((e) => e.key)).toEqual(["general.notify_every_run"]);
    expect(groups[1]?.entries.map((e) => e.key)).toEqual(["mail.sync_interval_minutes", "mail.delete_after_transfer"]);
    expect(groups[4]?.entries.map((e) => e.key)).toEqual(["microsoft.authority_url", "microsoft.graph_url"]);
  });

  it("open the wizard by its address without listing it in the navigation", () => {
    expect(pageFromHash("#/setup")).toBe("setup");
    expect(pages).not.toContain("setup");
  });
});
