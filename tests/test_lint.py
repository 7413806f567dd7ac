"""ruff and mypy are configured in pyproject.toml and must stay clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "src", "tests", "scripts"),
        ("ruff", "format", "--check", "src", "tests", "scripts"),
    ],
)
def test_ruff(command):
    exe = BIN / command[0] if (BIN / command[0]).exists() else shutil.which(command[0])
    assert exe, "ruff is not installed (pip install -e .[dev])"
    result = _run(str(exe), *command[1:])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy():
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
