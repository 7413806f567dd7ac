"""A throw-away PostgreSQL server for tests (skipped where the server binaries are absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def _tool(name: str) -> str | None:
    for folder in PG_BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def available() -> str | None:
    """Return None if a server can be started here, else the reason it cannot."""
    if not (_tool("initdb") and _tool("pg_ctl")):
        return "PostgreSQL server binaries (initdb, pg_ctl) not found"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser"
    return None


def _as_server_user(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def server() -> Iterator[str]:
    """Start a server on a Unix socket in a temporary folder; yield a base URL (no database)."""
    folder = Path(tempfile.mkdtemp(prefix="wirecoder-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    port = "55432"
    subprocess.run(
        _as_server_user(
            [_tool("initdb") or "initdb", "-D", str(data), "-A", "trust", "-U", "wirecoder"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off"
    subprocess.run(
        _as_server_user(
            [
                _tool("pg_ctl") or "pg_ctl",
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://wirecoder@/{{db}}?host={folder}&port={port}"
    finally:
        subprocess.run(
            _as_server_user(
                [_tool("pg_ctl") or "pg_ctl", "-D", str(data), "-m", "immediate", "stop"]
            ),
            capture_output=True,
        )
        time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)


def new_database(base_url: str) -> str:
    """Create an empty database on the server and return its SQLAlchemy URL."""
    import psycopg

    name = "t" + uuid.uuid4().hex[:12]
    admin = base_url.format(db="postgres").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base_url.format(db=name)
