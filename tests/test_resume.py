"""A killed ingest resumes without loss or duplicates, and the database stays intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

WIRECODER = [sys.executable, "-m", "wirecoder.cli"]
TOWNS = ["Gao", "Kidal", "Mopti", "Timbuktu", "Menaka", "Segou"]


def _write_corpus(folder: Path, n: int) -> None:
    """Synthetic articles about invented incidents (no real people or groups)."""
    folder.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"a{i:03d}.txt").write_text(
            f"{town.upper()}, Mali, March {i % 27 + 1} (Synthetic Wire) - Gunmen from the invented "
            f"Red Dune Column number {i} attacked a checkpoint near {town} on Tuesday, killing "
            f"{i % 5 + 2} soldiers, local officials said. The group denied the attack.\n"
        )


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "sources", "entities", "events", "times")
        }
    finally:
        con.close()


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*WIRECODER, "ingest", str(folder), "--db", str(db), "--batch-size", "4", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_sigkill_mid_run_then_resume(tmp_path):
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 48)
    db = tmp_path / "killed.db"
    proc = _ingest(corpus, db)
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                con.close()
            except sqlite3.OperationalError:
                stored = 0
        if stored >= 8:
            break
        time.sleep(0.05)
    assert proc.poll() is None, (
        "ingest finished before it could be killed: " + proc.stderr.read().decode()
    )
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _counts(db)
    assert 8 <= partial["documents"] < 48

    rerun = _ingest(corpus, db)
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read().decode()
    resumed = _counts(db)

    clean_db = tmp_path / "clean.db"
    clean = _ingest(corpus, clean_db)
    assert clean.wait(timeout=600) == 0
    assert resumed == _counts(clean_db)
    assert resumed["documents"] == 48

    con = sqlite3.connect(db)
    statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "finished"]
    # a third run adds nothing
    again = _ingest(corpus, db)
    assert again.wait(timeout=600) == 0
    assert _counts(db) == resumed
