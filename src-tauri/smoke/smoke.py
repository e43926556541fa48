#!/usr/bin/env python3
"""Smoke test of the real desktop app through WebDriver (tauri-driver + WebKitWebDriver).

Contract of the remote: tauri-driver speaks W3C WebDriver on --port and forwards to Debian's
WebKitWebDriver on --native-port; a session with browserName "wry" and
tauri:options.application starts our binary with tauri:options.args. Stop the driver with
SIGTERM, never SIGKILL (a killed driver leaves WebKitWebDriver holding the output and the run
hangs). Only the standard library: the protocol is a handful of JSON requests.

Checks what only the rendered window can show: the Status page's job list (from the core,
through the IPC and the capability file); the setup wizard against the fakes (`office-connector
fakes`): the Odoo step (a wrong API key is explained, the right one connects and the window
shows who: connect_odoo through the capability file, the key into the session's keyring); the
Microsoft step (client id and tenant; sign-in through the browser, played by browser.py as
OFFICE_CONNECTOR_URL_OPENER, which picks the person's account and follows the redirect to the
app's loopback listener; the window shows the signed-in mailbox); the transfer-folder step (the
fake mailbox's folders in the tree, a level loaded when opened, an existing subfolder picked as
incoming, the outgoing one created with the suggested name; both saved in the state home, as
`office-connector config get` reads it); the Settings page's connection test (both sides OK).
Then switches the language on the Settings page (saved through set_setting into the state home)
and reads the job list again in German. Then the Mail page, in German (issue 6 §9, §11): two
mails put into the incoming folder through the fake's control API, one from a known contact and
one from an address several contacts share; the page shows the chosen transfer folders by path;
Preview shows the summary and writes nothing; Sync now files the known one once on its contact
and lists the shared address under Decisions with its candidates; a decision made in the window
and the next Sync now file the other one once on the chosen contact, the Decisions list empties
and the latest runs show the runs. What Odoo holds is read back over JSON-RPC as its
administrator (`mail.message` by `message_id`), not through the app. The Calendar page opens in
English and in German: it asks for a start date before anything runs, saves one typed into it,
and its Preview answers without recording a run.

Usage: smoke.py BINARY WORKDIR CLI   (run under Xvfb and a D-Bus session; see run.sh)
"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

DRIVER = "http://127.0.0.1:4444"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


RETRIES = {"count": 0}


def request(method, path, body=None, timeout=60, retry=True):
    """One WebDriver call. NOTE: tauri-driver proxies over a pooled connection to
    WebKitWebDriver and answers with a dropped connection when that one was reset (seen in about
    one call of fifty, with the app and WebKit alive). The calls we retry are idempotent (reads,
    clicks on links, choosing a value) or never reached WebKitWebDriver (a new session), so a
    dropped call is sent again, up to 3 times, and counted."""
    for attempt in range(4):
        try:
            return request_once(method, path, body, timeout)
        except (http.client.RemoteDisconnected, ConnectionResetError):
            if not retry or attempt == 3:
                raise
            RETRIES["count"] += 1
            time.sleep(0.3)


def request_once(method, path, body, timeout):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(DRIVER + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.load(resp)["value"]
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {path}: {e.code} {e.read().decode(errors='replace')}")


def wait_for(what, probe, seconds=30):
    """Polls probe() until it returns something truthy (rendering takes a moment)."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = probe()
            if last:
                return last
        except (RuntimeError, OSError) as e:
            # not up yet (connection refused or reset) or the element is not there yet
            last = e
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; last: {last}")


class Session:
    def __init__(self, binary, args):
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": {"application": binary, "args": args},
                }
            }
        }
        # NOTE: the dropped calls fail while tauri-driver sends to WebKitWebDriver (hyper's
        # SendRequest), so no app was started for them: starting a session again is safe
        self.id = request("POST", "/session", caps)["sessionId"]

    def find_all(self, selector, using="css selector"):
        found = request("POST", f"/session/{self.id}/elements", {"using": using, "value": selector})
        return [f[ELEMENT] for f in found]

    def click(self, selector, using="css selector", seconds=30):
        """Clicks the first element `selector` once it is there and enabled."""

        def enabled():
            element = (self.find_all(selector, using) or [None])[0]
            if element is None:
                return None
            on = request("GET", f"/session/{self.id}/element/{element}/enabled")
            return element if on else None

        element = wait_for(f"{selector} enabled", enabled, seconds)
        request("POST", f"/session/{self.id}/element/{element}/click", {})

    def run(self, script, *args):
        """The value of `script` (a function body over `arguments`) in the window."""
        return request(
            "POST", f"/session/{self.id}/execute/sync", {"script": script, "args": list(args)}
        )

    def choose(self, css, value):
        """Picks `value` in the <select> `css` as a user's choice would: value, then `change`.

        NOTE: clicking the <option> makes WebKitGTK open the select's popup menu, which under
        Xvfb without a window manager crashed the app in about one run of three.
        """
        script = (
            "const s = document.querySelector(arguments[0]);"
            "if (!s) return false;"
            "s.value = arguments[1];"
            "s.dispatchEvent(new Event('change', { bubbles: true }));"
            "return s.value === arguments[1];"
        )
        wait_for(
            f"{css} = {value}",
            lambda: request(
                "POST", f"/session/{self.id}/execute/sync", {"script": script, "args": [css, value]}
            ),
        )

    def fill(self, css, value):
        """Types `value` into the input `css` as the window sees typing: value, then `input`."""
        script = (
            "const e = document.querySelector(arguments[0]);"
            "if (!e) return false;"
            "e.value = arguments[1];"
            "e.dispatchEvent(new Event('input', { bubbles: true }));"
            "return e.value === arguments[1];"
        )
        wait_for(
            f"{css} filled",
            lambda: request(
                "POST", f"/session/{self.id}/execute/sync", {"script": script, "args": [css, value]}
            ),
        )

    def open_page(self, hash_):
        request(
            "POST",
            f"/session/{self.id}/execute/sync",
            {"script": "window.location.hash = arguments[0]; return true;", "args": [hash_]},
        )

    def texts(self, css):
        # NOTE: read in one script call, not element by element: the page re-renders when its
        # data arrives, and WebKitWebDriver has dropped the connection on a stale element.
        script = "return [...document.querySelectorAll(arguments[0])].map((e) => e.innerText);"
        return request(
            "POST", f"/session/{self.id}/execute/sync", {"script": script, "args": [css]}
        )

    def close(self):
        # NOTE: ending the session ends the app; the driver may drop the connection doing so
        try:
            request("DELETE", f"/session/{self.id}", retry=False)
        except (RuntimeError, OSError) as e:
            print(f"smoke: closing the session: {e}")


def job_cards(session, expect):
    """The job list's texts once every card shows `expect` words."""

    def probe():
        cards = session.texts("[data-job]")
        if len(cards) == 3 and all(any(w in c for c in cards) for w in expect):
            return cards
        return None

    return wait_for(f"job cards with {expect}", probe)


def start_fakes(cli, work):
    """`office-connector fakes`: the fake Odoo and Graph; its first stdout line says where."""
    fakes = subprocess.Popen(
        [cli, "fakes", "--home", os.path.join(work, "fakes-home")],
        stdout=subprocess.PIPE,
        stderr=open(os.path.join(work, "fakes.log"), "w"),
        text=True,
    )
    line = fakes.stdout.readline()
    if not line:
        raise AssertionError("office-connector fakes printed nothing")
    return fakes, json.loads(line)


def wizard_odoo_step(session, fakes):
    """The wizard's first step as a person does it: address, login, a wrong key, then the key."""
    step = 'section[aria-labelledby="odoo-step-heading"]'
    try:
        fill_in_odoo_step(session, fakes, step)
    except AssertionError:
        print(f"smoke: the wizard's Odoo step showed: {session.texts(step)!r}")
        raise


def fill_in_odoo_step(session, fakes, step):
    user = fakes["users"][0]
    session.open_page("#/setup")
    # NOTE: typed as a person types a local server, without the scheme (the core adds http://
    # for loopback); the window's own check refuses "http://127.0.0.1:…" so far
    session.fill("#odoo-url", fakes["odoo"].split("://", 1)[-1])
    session.fill("#odoo-login", user["odoo_login"])
    session.fill("#odoo-secret", "0" * 40)
    session.click(f"{step} button[type=submit]")
    alert = wait_for(
        "the wrong key explained",
        lambda: [t for t in session.texts(f"{step} [role=alert]") if "credentials_rejected" in t],
    )
    print(f"smoke: wizard, wrong key: {alert[0]!r}")
    session.fill("#odoo-secret", user["odoo_api_key"])
    session.click(f"{step} button[type=submit]")
    result = wait_for(
        "the Odoo connection shown",
        lambda: [t for t in session.texts(f"{step} .result") if user["odoo_login"] in t],
    )
    print(f"smoke: wizard, connected: {result[0].splitlines()[1]!r}")


def fake_control(fakes, method, path, body=None):
    """The fake Graph's control API (`/_fake/...` beside `/v1.0`): acting as the person in Outlook."""
    base = fakes["graph"].rsplit("/v1.0", 1)[0]
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{base}/_fake{path}", data=data, method=method)
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as resp:
        answer = resp.read()
    # NOTE: some control calls (faults, release) answer with an empty body
    return json.loads(answer) if answer else None


def mailbox_folders(fakes, upn):
    """The person's folders as the fake mailbox has them: path -> {id, display_name, well_known}."""
    folders = fake_control(fakes, "GET", f"/graph/mailboxes/{urllib.parse.quote(upn)}/folders")
    return {f["path"]: f for f in folders}


def cli_setting(cli, home, key):
    """`office-connector --home HOME config get KEY`: what the state home says, as the CLI reads it."""
    done = subprocess.run(
        [cli, "--home", home, "config", "get", key], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, f"config get {key}: {done.returncode} {done.stderr!r}"
    return done.stdout.strip()


def next_step(session):
    """The wizard's Next button, once the current step is done (it is disabled until then)."""
    session.click(".nav-actions button.primary")


def wizard_microsoft_step(session, fakes, browser_log):
    """Client id and tenant, sign in: the browser (browser.py) picks the person's account and
    lands on the app's loopback listener; the window then shows the signed-in mailbox."""
    step = 'section[aria-labelledby="ms-step-heading"]'
    user = fakes["users"][0]
    next_step(session)
    wait_for("the Microsoft step", lambda: session.texts("#ms-step-heading"))
    session.fill("#ms-client-id", user["client_id"])
    session.fill("#ms-tenant", user["tenant"])
    session.click(f"{step} button[type=submit]")

    def signed_in():
        errors = session.texts(f"{step} [role=alert]")
        if errors:
            raise AssertionError(f"the sign-in failed: {errors!r}")
        return [t for t in session.texts(f"{step} .result") if user["upn"] in t]

    try:
        result = wait_for("the signed-in mailbox shown", signed_in, 45)
    except AssertionError:
        print(f"smoke: the wizard's Microsoft step showed: {session.texts(step)!r}")
        if os.path.exists(browser_log):
            print(f"smoke: the browser: {open(browser_log).read().strip()!r}")
        raise
    browsed = open(browser_log).read()
    assert "loopback: 200 http://localhost:" in browsed, f"the browser never reached the app: {browsed!r}"
    said = re.findall(r"<p>(.*?)</p>", browsed.split("loopback: ", 1)[1])
    # the listener's page is in the window's language (English here)
    assert said and said[0].startswith("Signed in."), f"the app's page in the browser: {browsed!r}"
    print(f"smoke: the browser picked {user['upn']}; the app's page said {said[0]!r}")
    print(f"smoke: wizard, signed in: {' '.join(result[0].split())!r}")


def wizard_folders_step(session, fakes, cli, home):
    """The folder tree of the fake mailbox (a level loads when opened): an existing subfolder
    becomes the incoming folder, the outgoing one is created with the suggested name; both are
    saved in the state home."""
    step = 'section[aria-labelledby="folders-step-heading"]'
    upn = fakes["users"][0]["upn"]
    before = mailbox_folders(fakes, upn)
    inbox = next(f for f in before.values() if f["well_known"] == "inbox")
    tops = sorted(p for p in before if p and "/" not in p)
    subfolder = before[f"{inbox['display_name']}/Kunden"]
    next_step(session)

    def top_level():
        names = session.texts(f"{step} .tree > ul > li > .row .name")
        return names if sorted(names) == tops else None

    try:
        names = wait_for("the mailbox's top folders in the tree", top_level)
        print(f"smoke: wizard, folder tree: {names!r}")
        # NOTE: lazily loaded: the subfolder is not in the window before its parent is opened
        assert "Kunden" not in session.texts(f"{step} .tree .name"), session.texts(f"{step} .tree")
        # the folder rows by name, as a person finds them: open the inbox, pick its subfolder
        name = "span[contains(@class, 'name') and normalize-space() = '{}']"
        row = f"//li[div/button/{name.format(inbox['display_name'])}]/div"
        session.click(f"{row}/button[contains(@class, 'toggle')]", using="xpath")
        session.click(f"{row}/following-sibling::ul//{name.format('Kunden')}/..", using="xpath")
        wait_for(
            "the incoming folder chosen",
            lambda: [t for t in session.texts(f"{step} [data-slot=incoming]") if "Kunden" in t],
        )
        suggested = wait_for(
            "the outgoing folder's suggested name",
            lambda: session.run("return document.querySelector('#new-folder').value;"),
        )
        assert suggested == "Odoo Outgoing", f"suggested {suggested!r}"
        assert suggested not in before, f"{suggested!r} is in the mailbox already"
        session.click(f"{step} form.create button[type=submit]")

        def outgoing_chosen():
            errors = session.texts(f"{step} [role=alert]")
            if errors:
                raise AssertionError(f"creating {suggested!r} failed: {errors!r}")
            return [t for t in session.texts(f"{step} [data-slot=outgoing]") if suggested in t]

        wait_for("the created outgoing folder chosen", outgoing_chosen)
        tops_now = session.texts(f"{step} .tree > ul > li > .row .name")
        assert tops_now.count(suggested) == 1, f"the tree after creating: {tops_now!r}"
        session.click(f"{step} .step-actions button.primary")
        wait_for("the wizard's end", lambda: session.texts("#done-heading"))
    except AssertionError:
        print(f"smoke: the wizard's folder step showed: {session.texts(step)!r}")
        raise

    created = mailbox_folders(fakes, upn).get(suggested)
    assert created, f"no folder {suggested!r} at the top of the fake mailbox"
    incoming = cli_setting(cli, home, "mail.incoming_folder")
    outgoing = cli_setting(cli, home, "mail.outgoing_folder")
    assert incoming == subfolder["id"], f"mail.incoming_folder = {incoming!r}, not Kunden's id"
    assert outgoing == created["id"], f"mail.outgoing_folder = {outgoing!r}, not {suggested}'s id"
    print(f"smoke: wizard, transfer folders saved: {subfolder['path']!r} and {suggested!r} (created)")


def connection_test(session, fakes):
    """The Settings page's connection test: both sides OK, with who is connected."""
    user = fakes["users"][0]
    panel = 'section[aria-labelledby="test-heading"]'
    session.click('a[href="#/settings"]')
    session.click(f"{panel} .head button")
    script = (
        "return [...document.querySelectorAll(arguments[0] + ' [data-side]')].map((s) => ["
        "s.dataset.side, s.querySelector('.state')?.className ?? '', s.innerText]);"
    )

    def both_ok():
        if session.texts(f"{panel} [role=alert]"):
            raise AssertionError("the connection test shows an error")
        sides = session.run(script, panel)
        ok = {side for side, state, _ in sides if "ok" in state.split()}
        return sides if ok == {"odoo", "microsoft"} else None

    try:
        sides = wait_for("both sides OK in the connection test", both_ok, 45)
    except AssertionError:
        print(f"smoke: the connection test showed: {session.texts(panel)!r}")
        raise
    text = " ".join(t for _, _, t in sides)
    assert user["upn"] in text and user["odoo_login"] in text, text
    print(f"smoke: connection test: {[' '.join(t.split()) for _, _, t in sides]!r}")


def odoo_admin(fakes):
    """A JSON-RPC caller as Odoo's administrator (admin/admin on the fakes' database): the smoke
    reads what the app wrote as a person would in Odoo, not through the app."""
    url = fakes["odoo"].rstrip("/") + "/jsonrpc"
    db = fakes["users"][0]["odoo_db"]

    def call(service, method, *args):
        params = {"service": service, "method": method, "args": list(args)}
        body = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=10) as resp:
            answer = json.load(resp)
        if "error" in answer:
            raise AssertionError(f"Odoo {service}.{method}: {answer['error']!r}")
        return answer["result"]

    uid = call("common", "login", db, "admin", "admin")
    assert uid, "the fake Odoo refused admin/admin"

    def execute(model, method, args, kwargs=None):
        return call("object", "execute_kw", db, uid, "admin", model, method, args, kwargs or {})

    return execute


def chatter_entries(odoo, message_id):
    """Odoo's chatter entries with that RFC Message-ID, wherever they are: [(model, res_id)]."""
    rows = odoo(
        "mail.message", "search_read", [[["message_id", "=", message_id]]], {"fields": ["model", "res_id"]}
    )
    return sorted((r["model"], r["res_id"]) for r in rows)


def partners_with(odoo, email):
    """The ids of the active contacts whose e-mail is `email`."""
    rows = odoo("res.partner", "search_read", [[["email", "=ilike", email]]], {"fields": ["id", "name"]})
    return {r["id"]: r["name"] for r in rows}


# The Calendar page's words in each language (i18n/*.ftl).
CALENDAR_EN = {
    "heading": "Calendar",
    "label": "Sync events from this date on",
    "missing": "Choose a start date first",
    "no_runs": "The calendar has not been synced yet.",
}
CALENDAR_DE = {
    "heading": "Kalender",
    "label": "Termine ab diesem Datum synchronisieren",
    "missing": "Wählen Sie zuerst ein Startdatum",
    "no_runs": "Der Kalender wurde noch nicht synchronisiert.",
}

MAIL_RUN = 'section[aria-labelledby="mail-run-heading"]'


def mail_run(session, kind, runs_before):
    """Clicks the Mail page's "Sync now" (`kind` sync) or "Preview" once the page is idle and
    returns its result panel. NOTE: the scheduler's timer runs the mail job too, and a run that
    meets it answers `busy` (retryable): the click is repeated, a bounded number of times."""
    preview = "true" if kind == "preview" else "false"
    script = (
        "const run = document.querySelector(arguments[0]);"
        "const alerts = [...run.querySelectorAll('[role=alert]')].map((e) => e.innerText);"
        "const result = run.querySelector('section.result');"
        "const ids = [...document.querySelectorAll('[data-section=runs] li[data-run-id]')]"
        "  .map((li) => Number(li.dataset.runId));"
        "return { alerts, newest: Math.max(0, ...ids), result: result && {"
        "  preview: result.dataset.preview, summary: result.querySelector('.summary').innerText,"
        "  mails: Object.fromEntries([...result.querySelectorAll('tr[data-mail]')]"
        "    .map((r) => [r.dataset.mail, r.dataset.outcome])) } };"
    )

    def answered():
        seen = session.run(script, MAIL_RUN)
        if seen["alerts"]:
            return seen
        result = seen["result"]
        if result and result["preview"] == preview and (kind == "preview" or seen["newest"] > runs_before):
            return seen
        return None

    for attempt in range(20):
        session.click(f'{MAIL_RUN} button[data-run="{kind}"]')
        seen = wait_for(f"the mail {kind} answered", answered, 60)
        if not seen["alerts"]:
            return seen["result"]
        if not any("busy" in a for a in seen["alerts"]):
            raise AssertionError(f"the mail {kind} failed: {seen['alerts']!r}")
        print(f"smoke: mail {kind}: busy (another run holds the lock), attempt {attempt + 1}")
        time.sleep(0.5)
    raise AssertionError(f"the mail {kind} stayed busy")


def tick(session, css):
    """Ticks the checkbox `css` with a click, as a person does. NOTE: a click is sent again when
    the driver dropped it (see `request`), and a second click would untick the box: the state is
    read back, and clicked again only while it is not ticked (bounded)."""
    script = "return document.querySelector(arguments[0])?.checked === true;"
    for _ in range(3):
        if session.run(script, css):
            return
        session.click(css)
        try:
            wait_for(f"{css} ticked", lambda: session.run(script, css), 5)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{css} could not be ticked")


def newest_run_id(session):
    ids = session.run(
        "return [...document.querySelectorAll('[data-section=runs] li[data-run-id]')]"
        ".map((li) => Number(li.dataset.runId));"
    )
    return max(ids, default=0)


def mail_page(session, fakes):
    """The Mail page's part of the smoke (see `transfer_mails`); on a failure, what it showed."""
    try:
        transfer_mails(session, fakes)
    except AssertionError:
        shown = session.run("return document.querySelector('main')?.innerText ?? document.body.innerText;")
        print(f"smoke: the Mail page showed: {shown!r}")
        raise


def transfer_mails(session, fakes):
    """The Mail page against the fakes, in German (the language the smoke switched to): two mails
    in the incoming transfer folder, one from a known contact and one from an address two
    contacts share. Preview writes nothing; Sync now files the known one on its contact and
    parks the other under Decisions; a decision in the window and the next Sync now file it on
    the chosen contact, each exactly once (read back from Odoo over JSON-RPC)."""
    user = fakes["users"][0]
    upn = user["upn"]
    odoo = odoo_admin(fakes)
    known_from, shared_from = "juergen.mueller@mueller-soehne.example", "info@schroeder-design.example"
    known = partners_with(odoo, known_from)
    shared = partners_with(odoo, shared_from)
    # NOTE: the company's own record carries the shared address too (demo data)
    assert len(known) == 1 and len(shared) >= 2, f"demo contacts: {known!r} {shared!r}"
    (known_id,) = known

    # NOTE: the timer's first mail run follows the wizard; the mails go in after it finished, so
    # the preview below is the first to see them
    wait_for(
        "the mail job's first timed run",
        lambda: [c for c in session.texts('[data-job="mail"]') if "Letzter Lauf" in c],
        45,
    )
    inbox = next(f for f in mailbox_folders(fakes, upn).values() if f["well_known"] == "inbox")
    incoming = f"{inbox['display_name']}/Kunden"
    stamp = int(time.time() * 1000)
    # (Message-ID, subject, sender, sender's name)
    mails = {
        "known": (
            f"<smoke-{stamp}-known@mueller-soehne.example>", "Angebot Maschinenhalle", known_from, "Jürgen Müller"
        ),
        "shared": (
            f"<smoke-{stamp}-shared@schroeder-design.example>", "Entwürfe Frühjahrskatalog", shared_from,
            "Schröder Design",
        ),
    }
    for i, (message_id, subject, sender, name) in enumerate(mails.values()):
        fake_control(
            fakes, "POST", f"/graph/mailboxes/{urllib.parse.quote(upn)}/messages",
            {
                "folder": incoming,
                "subject": subject,
                "body_html": f"<p>{subject}</p>",
                "from": {"name": name, "address": sender},
                "to": [{"name": user["name"], "address": upn}],
                "received": f"2026-03-0{i + 1}T09:30:00Z",
                "internet_message_id": message_id,
            },
        )
    known_mid, shared_mid = mails["known"][0], mails["shared"][0]
    assert chatter_entries(odoo, known_mid) == [] and chatter_entries(odoo, shared_mid) == []

    session.click('a[href="#/mail"]')
    # the page writes a path with spaced separators ("Posteingang / Kunden"): compared by segment
    expected = [incoming.split("/"), ["Odoo Outgoing"]]

    def folder_paths():
        shown = session.texts("[data-folder=incoming] .path, [data-folder=outgoing] .path")
        return shown if [[s.strip() for s in p.split("/")] for p in shown] == expected else None

    folders = wait_for("the transfer folders by path", folder_paths)
    print(f"smoke: Mail page, transfer folders: {folders!r}")
    # the timer's run is in the latest runs (and the page has read them before Sync now counts them)
    wait_for("the timed run in the latest runs", lambda: newest_run_id(session) > 0)

    preview = mail_run(session, "preview", 0)
    print(f"smoke: Mail page, preview: {preview['summary']!r}")
    assert preview["summary"].startswith("2 Mails → 1 Kontakt, 1 wartet auf eine Entscheidung"), preview
    assert preview["mails"] == {known_mid: "filed", shared_mid: "waiting"}, preview["mails"]
    assert chatter_entries(odoo, known_mid) == [] and chatter_entries(odoo, shared_mid) == [], (
        "the preview wrote into Odoo"
    )

    first = mail_run(session, "sync", newest_run_id(session))
    print(f"smoke: Mail page, Sync now: {first['summary']!r}")
    assert first["mails"] == {known_mid: "filed", shared_mid: "waiting"}, first["mails"]
    filed = chatter_entries(odoo, known_mid)
    assert filed == [("res.partner", known_id)], f"{known_mid} in Odoo: {filed!r}, not once on {known_id}"
    assert chatter_entries(odoo, shared_mid) == [], "the mail waiting for a decision was filed"

    card = f'[data-section=decisions] article[data-address="{shared_from}"]'
    candidates = wait_for(
        "the shared address under Decisions",
        lambda: session.run(
            "return [...document.querySelectorAll(arguments[0] + ' label[data-contact-id]')]"
            ".map((l) => Number(l.dataset.contactId));",
            card,
        ),
    )
    assert len(candidates) >= 2 and set(candidates) <= set(shared), (
        f"candidates {candidates!r}, Odoo has {shared!r}"
    )
    waiting = session.texts(card)[0]
    assert mails["shared"][1] in waiting, f"the waiting mail is not in the card: {waiting!r}"
    chosen = max(candidates)
    names = sorted(shared[c] for c in candidates)
    print(f"smoke: Mail page, decision for {shared_from}: {names!r}; choosing {shared[chosen]!r}")
    tick(session, f'{card} label[data-contact-id="{chosen}"] input[type=checkbox]')
    session.click(f"{card} .actions button.primary")
    notice = wait_for("the choice remembered", lambda: [t for t in session.texts("p.notice") if shared_from in t])
    print(f"smoke: Mail page, {notice[0]!r}")
    remembered = wait_for(
        "the choice under the remembered choices",
        lambda: [
            t
            for t in session.texts(f'[data-section=choices] li[data-choice="{shared_from}"]')
            if shared[chosen] in t
        ],
    )
    print(f"smoke: Mail page, remembered: {' '.join(remembered[0].split())!r}")

    second = mail_run(session, "sync", newest_run_id(session))
    print(f"smoke: Mail page, Sync now again: {second['summary']!r}")
    assert second["mails"] == {shared_mid: "filed"}, second["mails"]
    filed = chatter_entries(odoo, shared_mid)
    assert filed == [("res.partner", chosen)], f"{shared_mid} in Odoo: {filed!r}, not once on {chosen}"
    assert chatter_entries(odoo, known_mid) == [("res.partner", known_id)], "the first mail was filed again"

    wait_for(
        "the Decisions list empty",
        lambda: not session.texts("[data-section=decisions] article")
        and session.texts("[data-section=decisions] .empty"),
    )
    runs = session.run(
        "return [...document.querySelectorAll('[data-section=runs] li[data-run-id]')]"
        ".map((li) => [Number(li.dataset.runId), li.dataset.outcome, li.innerText]);"
    )
    print(f"smoke: Mail page, latest runs: {[' '.join(t.split()) for _, _, t in runs]!r}")
    outcomes = [o for _, o, _ in sorted(runs, reverse=True)]
    assert outcomes[:2] == ["success", "needs_attention"], f"the latest runs' outcomes: {outcomes!r}"


CALENDAR_RUN = 'section[aria-labelledby="calendar-run-heading"]'


def calendar_page(session, cli, home, texts):
    """The Calendar page in the window's language (`texts`: the words it must show): the start
    date is asked for before anything runs (both buttons and the timer switch held back); a
    start date typed into the page is saved in the state home, as `config get` reads it; then
    Preview answers — with the events it would write, or, while the fake Graph has no calendar
    (calendarView/delta), with its failed read folded away or the reason it could not start —
    and records no run. NOTE: the timer stays off (calendar.enabled is never switched on), so
    nothing else runs the calendar meanwhile."""
    try:
        preview_calendar(session, cli, home, texts)
    except AssertionError:
        shown = session.run("return document.querySelector('main')?.innerText ?? document.body.innerText;")
        print(f"smoke: the Calendar page showed: {shown!r}")
        raise


def preview_calendar(session, cli, home, texts):
    session.click('a[href="#/calendar"]')
    wait_for("the Calendar page", lambda: session.texts("main h1") == [texts["heading"]])
    label = wait_for("the start date's label", lambda: session.texts('label[for="calendar-start-date"]'))
    assert label == [texts["label"]], label
    state = session.run(
        "const q = (s) => document.querySelector(s);"
        "return { start: q('#calendar-start-date').value,"
        "  sync: q(arguments[0] + ' button[data-run=sync]').disabled,"
        "  preview: q(arguments[0] + ' button[data-run=preview]').disabled };",
        CALENDAR_RUN,
    )
    if state["start"] == "":
        assert state["sync"] and state["preview"], f"runnable without a start date: {state!r}"
        wait_for("the start date asked for", lambda: [t for t in session.texts("main") if texts["missing"] in t])
        start = time.strftime("%Y-%m-%d", time.localtime(time.time() - 30 * 86400))
        session.fill("#calendar-start-date", start)
        session.run(
            "document.querySelector('#calendar-start-date').dispatchEvent(new Event('change', { bubbles: true }));"
            "return true;"
        )
        wait_for("the start date saved", lambda: cli_setting(cli, home, "calendar.start_date") == start, 15)
        print(f"smoke: Calendar page ({texts['heading']}): start date {start} saved in the state home")
    else:
        print(f"smoke: Calendar page ({texts['heading']}): start date {state['start']} as saved")
    session.click(f'{CALENDAR_RUN} button[data-run="preview"]')
    script = (
        "const run = document.querySelector(arguments[0]);"
        "const result = run.querySelector('section.result');"
        "return { alerts: [...run.querySelectorAll('[role=alert]')].map((e) => e.innerText),"
        "  summary: result?.querySelector('.summary')?.innerText ?? null,"
        "  preview: result?.dataset.preview ?? null,"
        "  events: result ? result.querySelectorAll('tr[data-event]').length : 0,"
        "  incomplete: !!result?.querySelector('[data-incomplete]') };"
    )
    seen = wait_for(
        "the calendar preview answered",
        lambda: (lambda s: s if s["alerts"] or s["summary"] else None)(session.run(script, CALENDAR_RUN)),
        60,
    )
    if seen["summary"]:
        assert seen["preview"] == "true", seen
        how = "its failed read folded away" if seen["incomplete"] else f"{seen['events']} events"
        print(f"smoke: Calendar page, preview: {seen['summary']!r} ({how})")
    else:
        print(f"smoke: Calendar page, preview could not start: {seen['alerts']!r}")
    wait_for("no calendar run listed", lambda: session.texts('[data-section="runs"] .empty') == [texts["no_runs"]])


def contacts_page(session, fakes):
    """The Contacts page (issue 16): the list filtered to the contacts the person does not
    follow, searched for one company's people, all of them checked and followed in one go;
    then the fake Odoo, read as its administrator, shows the person as their follower.
    NOTE: the contacts sync stays off, so nothing else talks to Odoo about them meanwhile."""
    try:
        follow_on_contacts_page(session, fakes)
    except AssertionError:
        shown = session.run("return document.querySelector('main')?.innerText ?? document.body.innerText;")
        print(f"smoke: the Contacts page showed: {shown!r}")
        raise


def follow_on_contacts_page(session, fakes):
    odoo = odoo_admin(fakes)
    login = fakes["users"][0]["odoo_login"]
    users = odoo("res.users", "search_read", [[["login", "=", login]]], {"fields": ["partner_id"]})
    partner = users[0]["partner_id"][0]

    def followed(ids):
        rows = odoo(
            "mail.followers",
            "search_read",
            [[["res_model", "=", "res.partner"], ["res_id", "in", ids], ["partner_id", "=", partner]]],
            {"fields": ["res_id"]},
        )
        return sorted(r["res_id"] for r in rows)

    session.click('a[href="#/contacts"]')
    wait_for("the Contacts page", lambda: session.texts("main h1") == ["Kontakte"])
    rows = "tr[data-contact]"
    wait_for("the contact list", lambda: session.run(f"return document.querySelectorAll('{rows}').length > 0;"))
    session.choose("select[data-contact-filter]", "not_followed")
    session.fill("input[data-contact-search]", "alpenblick")
    script = (
        "const rows = [...document.querySelectorAll(arguments[0])];"
        "const names = rows.map((r) => r.querySelector('[data-name]').innerText);"
        "return rows.length > 0 && names.every((n) => n !== '') && rows.every((r) => r.dataset.followed === 'false')"
        "  && document.querySelector('input[data-contact-search]').value === 'alpenblick'"
        "  ? rows.map((r) => Number(r.dataset.contact)) : null;"
    )
    ids = wait_for("the people of Alpenblick, not followed", lambda: session.run(script, rows), 20)
    # NOTE: a search answers after a short pause; read the list once more after it settled
    time.sleep(0.6)
    ids = wait_for("the list settled", lambda: session.run(script, rows), 20)
    assert followed(ids) == [], f"followed before: {followed(ids)!r}"
    tick(session, 'thead input[type="checkbox"]')
    session.click('button[data-bulk="follow"]')
    wait_for("the followers in Odoo", lambda: followed(ids) == sorted(ids), 20)
    status = wait_for(
        "the page's answer",
        lambda: [t for t in session.texts('[data-section="list"] [role="status"]') if t.strip()],
        20,
    )
    print(f"smoke: Contacts page: followed {len(ids)} contacts at once; Odoo shows them followed: {status!r}")


def main():
    binary, work, cli = sys.argv[1], sys.argv[2], sys.argv[3]
    home = os.path.join(work, "home")
    started = time.monotonic()
    # NOTE: connect_odoo keeps the key in the OS keyring: a fresh, unlocked one in this D-Bus
    # session (PLATFORM.md), in the throwaway XDG_DATA_HOME
    subprocess.run(
        "printf smoke | gnome-keyring-daemon --unlock --components=secrets >/dev/null",
        shell=True,
        check=True,
    )
    fakes, where = start_fakes(cli, work)
    upn = where["users"][0]["upn"]
    # NOTE: what `office-connector demo --fresh` does for the wizard: the identity platform and
    # Graph are the fakes' (the wizard itself asks only for client id and tenant)
    for key, value in (("microsoft.authority_url", where["login"]), ("microsoft.graph_url", where["graph"])):
        done = subprocess.run([cli, "--home", home, "config", "set", key, value], capture_output=True, text=True)
        assert done.returncode == 0, f"config set {key}: {done.stderr!r}"
    # the person keeps customer mail in a subfolder of the inbox: the tree must open a level
    inbox = next(f for f in mailbox_folders(where, upn).values() if f["well_known"] == "inbox")
    fake_control(
        where, "POST", f"/graph/mailboxes/{urllib.parse.quote(upn)}/folders",
        {"display_name": "Kunden", "parent": inbox["id"]},
    )
    browser = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser.py")
    browser_log = os.path.join(work, "browser.log")
    # NOTE: the app splits the opener's command line at whitespace
    assert not any(c.isspace() for c in sys.executable + browser), f"a space in {browser!r}"
    app_env = dict(
        os.environ,
        OFFICE_CONNECTOR_URL_OPENER=f"{sys.executable} {browser}",
        SMOKE_BROWSER_UPN=upn,
        SMOKE_BROWSER_LOG=browser_log,
    )
    log = open(os.path.join(work, "tauri-driver.log"), "w")
    # the driver starts the app, which inherits this environment
    driver = subprocess.Popen(
        ["tauri-driver", "--port", "4444", "--native-port", "4445"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=app_env,
    )
    try:
        wait_for("tauri-driver", lambda: request("GET", "/status", timeout=2) is not None, 20)
        session = Session(binary, ["--demo", "--home", home])
        try:
            opened = time.monotonic()
            cards = job_cards(session, ["Mail", "Calendar", "Contacts", "Not set up"])
            print(f"smoke: English job list after {time.monotonic() - opened:.1f} s: {cards!r}")
            assert session.texts("#jobs-heading") == ["Sync jobs"], session.texts("#jobs-heading")

            wizard_odoo_step(session, where)
            wizard_microsoft_step(session, where, browser_log)
            wizard_folders_step(session, where, cli, home)
            connection_test(session, where)
            calendar_page(session, cli, home, CALENDAR_EN)

            session.click('a[href="#/settings"]')
            session.choose("#language", "de")
            session.click('a[href="#/status"]')
            cards = job_cards(session, ["E-Mail", "Kalender", "Kontakte", "Nicht eingerichtet"])
            print(f"smoke: German job list: {cards!r}")
            assert session.texts("#jobs-heading") == ["Synchronisierungen"]
            assert not any("Not set up" in c for c in cards), cards

            settings = open(os.path.join(home, "settings.toml")).read()
            assert 'language = "de"' in settings, f"not saved in the state home: {settings!r}"
            print("smoke: the language was saved in the state home through set_setting")

            # NOTE: the Mail page's part starts on the Status page (the timed run's card)
            mail_page(session, where)
            calendar_page(session, cli, home, CALENDAR_DE)
            contacts_page(session, where)
        except BaseException:
            alive = subprocess.run(["pgrep", "-a", "-f", f"{binary}|WebKit"], capture_output=True, text=True)
            print(f"smoke: failed; app processes: {alive.stdout.strip() or 'none (it exited)'}")
            raise
        finally:
            session.close()
    finally:
        fakes.send_signal(signal.SIGTERM)
        try:
            fakes.wait(timeout=10)
        except subprocess.TimeoutExpired:
            fakes.kill()
            fakes.wait()
        driver.send_signal(signal.SIGTERM)
        try:
            driver.wait(timeout=15)
        except subprocess.TimeoutExpired:
            driver.kill()
            driver.wait()
        log.close()
    print(
        f"smoke: passed in {time.monotonic() - started:.1f} s "
        f"({RETRIES['count']} dropped WebDriver calls sent again)"
    )


if __name__ == "__main__":
    main()
