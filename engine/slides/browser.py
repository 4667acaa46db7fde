"""Every Chromium the project starts, started one way: quiet, unprivileged, sandboxed.

Quiet: Playwright's own switches already turn most background services off, but
Debian's Chromium still looked up Google's update and account hosts at every start
(36 DNS queries in one snapshot).  An offline browser here resolves no name but
``localhost``: ``--host-resolver-rules`` answers every other name "not found" inside
the browser, so nothing (component updater, sync, autofill, a page's own link) can
even find a server.  The switches below turn the services off as well, so a browser
with online tiles on asks only for the tiles.

Unprivileged: the export browser renders pages built from imported data.  As root
it would run without its sandbox, so a renderer bug would own the server; instead,
as root it is started through a small wrapper that hands its profile to an
unprivileged account (``INCIDENT_MAP_BROWSER_USER``, default ``nobody``) and drops
to it before Chromium starts, with Chromium's own sandbox on.  A machine without
user namespaces (some containers) cannot sandbox: ``INCIDENT_MAP_BROWSER_SANDBOX=0``
then runs it unsandboxed (still unprivileged), and the README says so.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from engine.errors import EngineError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

# In addition to Playwright's defaults (background networking, component update,
# default apps, extensions, first run, metrics recording): the services left.
QUIET_SWITCHES = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--disable-quic",
    "--dns-prefetch-disable",
    "--disable-gpu",
    "--password-store=basic",
)
# Autofill's server, translation and the like are features; Playwright's own
# --disable-features list would be replaced by a second one, so these go by
# their own switches or not at all (they do not start without a signed-in profile).
OFFLINE_RESOLVER = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


class BrowserMissing(EngineError, RuntimeError):
    """No Chromium to drive."""


def chromium_path() -> str:
    """The Chromium executable to drive; ``INCIDENT_MAP_CHROMIUM`` overrides."""
    configured = os.environ.get("INCIDENT_MAP_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(
        "no Chromium found: install Debian's `chromium` package "
        "(`make browser`) or set INCIDENT_MAP_CHROMIUM"
    )


def switches(online: bool = False) -> list[str]:
    """The command-line switches for a browser that may reach only what it is
    asked to: with ``online`` (tiles on), names resolve; otherwise only localhost."""
    chosen = list(QUIET_SWITCHES)
    if not online:
        chosen.append(OFFLINE_RESOLVER)
    return chosen


def sandboxed() -> bool:
    """Whether Chromium's sandbox is asked for (``INCIDENT_MAP_BROWSER_SANDBOX=0`` turns it
    off, for a container without user namespaces)."""
    return os.environ.get("INCIDENT_MAP_BROWSER_SANDBOX", "1").strip().lower() not in {
        "0",
        "false",
        "no",
        "off",
    }


def browser_account() -> pwd.struct_passwd | None:
    """The account the browser runs as when this process is root; None when it is
    not root (the browser then runs as this process's own user)."""
    if os.geteuid() != 0:
        return None
    name = os.environ.get("INCIDENT_MAP_BROWSER_USER", "nobody").strip() or "nobody"
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        raise BrowserMissing(
            f"the browser's account {name!r} (INCIDENT_MAP_BROWSER_USER) does not exist"
        ) from None
    if account.pw_uid == 0:
        raise BrowserMissing("INCIDENT_MAP_BROWSER_USER must not be root")
    return account


_WRAPPER = """#!/bin/sh
# Written by engine.slides.browser: give the profile Playwright made to the
# unprivileged account, then become it and start Chromium.
for arg in "$@"; do
  case "$arg" in --user-data-dir=*) profile="${{arg#--user-data-dir=}}";; esac
done
[ -n "$profile" ] && chown -R {uid}:{gid} "$profile"
export HOME="$profile" XDG_CONFIG_HOME="$profile" XDG_CACHE_HOME="$profile"
exec {setpriv} --reuid={uid} --regid={gid} --clear-groups --no-new-privs {chromium} "$@"
"""


@contextmanager
def launch_options(online: bool = False):
    """Keyword arguments for ``playwright.chromium.launch``: the executable (the
    privilege-dropping wrapper when root), the quiet switches and the sandbox."""
    chromium = chromium_path()
    account = browser_account()
    options = {"args": switches(online), "chromium_sandbox": sandboxed()}
    if account is None:
        yield {"executable_path": chromium, **options}
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise BrowserMissing(
            "running as root, the browser needs `setpriv` (util-linux) "
            "to drop to an unprivileged account"
        )
    folder = Path(tempfile.mkdtemp(prefix="incident-map-browser-"))
    try:
        wrapper = folder / "chromium"
        wrapper.write_text(
            _WRAPPER.format(
                uid=account.pw_uid,
                gid=account.pw_gid,
                setpriv=shlex.quote(setpriv),
                chromium=shlex.quote(chromium),
            )
        )
        wrapper.chmod(stat.S_IRWXU)
        yield {"executable_path": str(wrapper), **options}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def started(playwright, online: bool = False):
    """A launched Chromium, closed afterwards."""
    with launch_options(online) as options:
        browser = playwright.chromium.launch(**options)
        try:
            yield browser
        finally:
            browser.close()
