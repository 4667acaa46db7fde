"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder,
started on a free local port, stopped and removed at the end.

The tests run against a real server, not a stand-in: the store's SQL must work on
the database a team will use.  As root (CI), initdb refuses to run, so the cluster
belongs to the ``postgres`` user Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class NoPostgres(RuntimeError):
    """PostgreSQL's server programs are not installed (``make postgres`` installs them)."""


def server_bin() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    if versions:
        return Path(versions[-1]).parent
    raise NoPostgres(
        "PostgreSQL server programs not found; run `make postgres` "
        "(Debian: apt-get install postgresql)"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    user: str
    bin: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + "/" + name

    def version(self) -> str:
        return subprocess.run(
            [str(self.bin / "postgres"), "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()

    def create_database(self, name: str) -> str:
        """A fresh, empty database; returns its URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def pause(self) -> None:
        """Stop the server, keeping its data (a restart under a running app)."""
        _run(self, ["pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"])

    def resume(self) -> None:
        """Start it again on the same port."""
        _start(self)

    def stop(self) -> None:
        _run(
            self,
            ["pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            check=False,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_owner(cluster_user: str) -> list[str]:
    return ["runuser", "-u", cluster_user, "--"] if os.geteuid() == 0 else []


def _run(cluster: Cluster, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
    command = [*_as_owner(cluster.user), str(cluster.bin / argv[0]), *argv[1:]]
    done = subprocess.run(command, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done


def _start(cluster: Cluster) -> None:
    options = (
        f"-p {cluster.port} -k {cluster.folder} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c max_connections=60"
    )
    data = cluster.folder / "data"
    _run(
        cluster,
        [
            "pg_ctl",
            "-D",
            str(data),
            "-l",
            str(cluster.folder / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        ],
    )


def start_cluster() -> Cluster:
    """initdb and start a cluster that trusts local connections (it only listens
    on 127.0.0.1 and a socket in its own folder, and lives for one test run)."""
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    folder = Path(tempfile.mkdtemp(prefix="incident-map-pg-"))
    if os.geteuid() == 0:
        record = pwd.getpwnam(user)
        os.chown(folder, record.pw_uid, record.pw_gid)
    cluster = Cluster(folder=folder, port=_free_port(), user=user, bin=server_bin())
    data = folder / "data"
    _run(
        cluster, ["initdb", "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync"]
    )
    _start(cluster)
    return cluster
