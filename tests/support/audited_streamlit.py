"""Run Streamlit's command line with every outside connection recorded.

A Python audit hook sees each ``socket.connect`` and ``socket.getaddrinfo`` the
server makes; any address that is not this machine is appended to the file named by
``AUDIT_LOG``.  Used by the tests that promise nothing leaves the machine.
"""

from __future__ import annotations

import ipaddress
import os
import sys

LOCAL_NAMES = {"", "localhost", "localhost.localdomain"}


def is_local(host: object) -> bool:
    if host is None or not isinstance(host, (str, bytes)):
        return True
    host = host.decode() if isinstance(host, bytes) else host
    if host in LOCAL_NAMES or host.startswith("/"):  # a Unix socket path
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _hook(event: str, args: tuple) -> None:
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else address
    elif event == "socket.getaddrinfo":
        host = args[0]
    else:
        return
    if not is_local(host):
        with open(os.environ["AUDIT_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{event} {host}\n")


if __name__ == "__main__":
    sys.addaudithook(_hook)
    from streamlit.web.cli import main

    sys.argv = ["streamlit", *sys.argv[1:]]
    main()
