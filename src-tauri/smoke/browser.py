#!/usr/bin/env python3
"""Plays the person's browser for the smoke test's Microsoft sign-in (OFFICE_CONNECTOR_URL_OPENER).

Contract of the remote: the app runs `OFFICE_CONNECTOR_URL_OPENER URL` instead of the system
browser, with the authorize URL of the (fake) Microsoft identity platform as the last argument,
and does not wait for it. Without a `login_hint` the fake identity platform answers with the
account picker a browser shows (one link per person); picking the person's link signs them in
and redirects (302) to the app's loopback listener `http://localhost:PORT/?code=…&state=…`,
which answers once with a small page. This script does what a person does: opens the URL, picks
the account `SMOKE_BROWSER_UPN` on the picker, follows the redirects to the app. Each step goes
to the file `SMOKE_BROWSER_LOG` (the app discards the opener's output), and the app's page
last, after a line `loopback:`. Only the standard library.
"""

import html.parser
import os
import sys
import urllib.error
import urllib.request


class AccountLinks(html.parser.HTMLParser):
    """The account picker's links: (text, href)."""

    def __init__(self):
        super().__init__()
        self.links = []
        self._href = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append(("".join(self._text), self._href))
            self._href = None


def fetch(opener, url):
    """GET `url`, following redirects as a browser does: (final URL, status, page text)."""
    try:
        with opener.open(url, timeout=30) as resp:
            return resp.geturl(), resp.status, resp.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as e:
        return e.geturl(), e.code, e.read().decode("utf-8", errors="replace")


def main():
    url = sys.argv[-1]
    upn = os.environ.get("SMOKE_BROWSER_UPN", "")
    log = open(os.environ.get("SMOKE_BROWSER_LOG", os.devnull), "a", encoding="utf-8")
    # NOTE: a proxy from the environment must not see the loopback redirect
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        print(f"open: {url}", file=log, flush=True)
        final, status, page = fetch(opener, url)
        if "login_hint" not in url and "Pick an account" in page:
            picker = AccountLinks()
            picker.feed(page)
            mine = [href for text, href in picker.links if upn and upn.lower() in text.lower()]
            print(f"account picker: {[t for t, _ in picker.links]}; picking {upn}", file=log, flush=True)
            if not mine:
                print("the person's account is not on the picker", file=log, flush=True)
                return 1
            final, status, page = fetch(opener, mine[0])
        print(f"loopback: {status} {final.split('?', 1)[0]}", file=log, flush=True)
        print(page, file=log, flush=True)
        return 0 if status == 200 else 1
    except OSError as e:
        print(f"browser failed: {e!r}", file=log, flush=True)
        return 1
    finally:
        log.close()


if __name__ == "__main__":
    sys.exit(main())
