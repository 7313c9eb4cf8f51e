"""A throwaway PostgreSQL server (Debian's `postgresql` package) on 127.0.0.1, for the conversation store."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser import free_port

DATABASE = "wpb_test"
START_TIMEOUT = 30.0  # seconds


class PostgresMissing(RuntimeError):
    """Debian's postgresql package (initdb, pg_ctl) is not installed."""


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin holding initdb, or the directory of an initdb on PATH."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3].split(".")[0])
    )
    initdb = found[-1] if found else shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@contextmanager
def postgres_server() -> Iterator[str]:
    """initdb, start and create a database in a temp dir; yields its SQLAlchemy URL; stops and cleans up.

    As root the server runs as the `postgres` system user (postgres refuses to run as root)."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise PostgresMissing("PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin or on PATH")
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    # Under /tmp, not pytest's tmp dir: that one is private to root, and a unix socket path must be short.
    home = Path(tempfile.mkdtemp(prefix="wpb-pg-"))
    data, log, port = home / "data", home / "server.log", free_port()

    def run(*args: str, timeout: float = 60) -> None:
        cmd = [*prefix, str(bin_dir / args[0]), *args[1:]]
        done = subprocess.run(cmd, cwd=home, capture_output=True, text=True, timeout=timeout)
        if done.returncode:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}\n{tail}")

    started = False
    try:
        if as_root:
            shutil.chown(home, "postgres", "postgres")
        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "-N")
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{home}'\n"
                "fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n"
            )
        run("pg_ctl", "-D", str(data), "-l", str(log), "-W", "start")
        started = True
        deadline = time.monotonic() + START_TIMEOUT
        ready = [str(bin_dir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(port), "-d", "postgres"]
        while subprocess.run(ready, timeout=10).returncode != 0:
            if time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
                raise RuntimeError(
                    f"PostgreSQL on 127.0.0.1:{port} was not ready within {START_TIMEOUT:.0f} s; log:\n{tail}"
                )
            time.sleep(0.05)
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", DATABASE)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"
    finally:
        try:
            if started:
                run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(home, ignore_errors=True)
