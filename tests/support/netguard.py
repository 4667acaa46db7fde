"""Run a command where nothing can leave the machine, and list everything that tried.

The command runs in a network namespace of its own with only loopback (``unshare
-n``), so any outside connection is refused, and under ``strace -f`` so every
attempt is recorded, by every process it starts (Chromium's network service
included).  An attempt is a DNS query (anything to port 53, loopback or not), a TCP
connect to an address that is not loopback, or a datagram sent to one.  A UDP
``connect()`` that sends nothing only asks the kernel for a route (Chromium's IPv6
reachability probe does this at start): it is listed in ``probes``, not counted.

Needs root (for the namespace), ``strace`` and ``ip`` (Debian's strace and iproute2;
``make netguard`` installs them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TRACED = "connect,sendto,sendmsg,sendmmsg"
_CALL = re.compile(r"^(\d+)\s+(connect|sendto|sendmsg|sendmmsg)\((\d+)(<[^>]*>)?(.*)$")
_INET4 = re.compile(r'sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)')
_INET6 = re.compile(r'sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')


@dataclass
class Traced:
    returncode: int
    stdout: str
    stderr: str
    attempts: list[str] = field(default_factory=list)  # what broke the rule
    probes: list[str] = field(default_factory=list)  # UDP connects that sent nothing


def available() -> str | None:
    """Why the guard cannot run here, or None."""
    if os.geteuid() != 0:
        return "needs root for a network namespace"
    for tool in ("strace", "unshare", "ip"):
        if shutil.which(tool) is None:
            return f"needs {tool} (make netguard)"
    return None


def _loopback(address: str) -> bool:
    return address.startswith("127.") or address in ("::1", "::ffff:127.0.0.1", "0.0.0.0", "::")


def classify(line: str) -> tuple[str, str] | None:
    """("attempt"|"probe", the line) for a traced call that reached for the network."""
    match = _CALL.match(line)
    if not match:
        return None
    call, kind, rest = match.group(2), match.group(4) or "", match.group(5)
    found = _INET4.search(rest) or _INET6.search(rest)
    if found is None:
        return None
    port, address = int(found.group(1)), found.group(2)
    if port == 53:
        return "attempt", line
    if _loopback(address):
        return None
    if call == "connect" and "UDP" in kind:
        return "probe", line
    return "attempt", line


def run(
    command: list[str],
    *,
    env: dict | None = None,
    cwd: Path | None = None,
    timeout: float = 600,
    input: str | None = None,
) -> Traced:
    """Run ``command`` offline and traced; return its output and what it tried."""
    with tempfile.TemporaryDirectory(prefix="netguard-") as folder:
        log = Path(folder) / "trace.log"
        script = (
            "ip link set lo up && exec strace -f -qq -yy -s 0 -e trace=" + TRACED + ' -o "$0" "$@"'
        )
        done = subprocess.run(
            ["unshare", "-n", "sh", "-c", script, str(log), *command],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
        )
        traced = Traced(done.returncode, done.stdout, done.stderr)
        for line in log.read_text(errors="replace").splitlines():
            found = classify(line)
            if found:
                (traced.attempts if found[0] == "attempt" else traced.probes).append(found[1])
    return traced
