"""Generate docs/cli.md, docs/configuration.md and docs/errors.md from the code.

Run `python scripts/gen_docs.py` after changing a command, an option, a setting or an error
code; tests/test_docs.py fails while these files are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wirecoder.cli import main
from wirecoder.config import describe_settings
from wirecoder.errors import ErrorCode

DOCS = Path(__file__).resolve().parents[1] / "docs"
# fixed width and the group's help option names, so output does not depend on the terminal
_WIDTH: dict = {
    "terminal_width": 88,
    "max_content_width": 88,
    "help_option_names": ["-h", "--help"],
}


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name in sorted(group.commands):
        cmd = group.commands[name]
        path = f"{prefix} {name}"
        out.append((path, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, path))
    return out


def cli_markdown() -> str:
    lines = [
        "# Command line reference",
        "",
        "Generated from the code by `scripts/gen_docs.py`; `wirecoder COMMAND --help` prints the same.",
        "",
    ]
    ctx = click.Context(main, info_name="wirecoder", **_WIDTH)
    lines += ["## wirecoder", "", "```", main.get_help(ctx), "```", ""]
    for path, cmd in _commands(main, "wirecoder"):
        sub = click.Context(cmd, info_name=path, **_WIDTH)
        lines += [f"## {path}", "", "```", cmd.get_help(sub), "```", ""]
    return "\n".join(lines)


def settings_markdown() -> str:
    lines = [
        "# Configuration",
        "",
        "Generated from `wirecoder.config.Settings` by `scripts/gen_docs.py`. Pass a `Settings` to",
        "the Python API (`Extractor(Settings(batch_size=64))`); the CLI sets some of them with",
        "options (`--components`, `--batch-size`, `--n-process`).",
        "",
        "| setting | default | meaning |",
        "|---|---|---|",
    ]
    for name, default, help_text in describe_settings():
        lines.append(f"| `{name}` | `{default}` | {help_text} |")
    return "\n".join(lines) + "\n"


def errors_markdown() -> str:
    lines = [
        "# Error and warning codes",
        "",
        "Generated from `wirecoder.errors.ErrorCode` by `scripts/gen_docs.py`. Per-document",
        "problems (W1xx, W2xx) are recorded in the store (`wirecoder failures`) and the run goes on.",
        "",
        "| code | message |",
        "|---|---|",
    ]
    for code in ErrorCode:
        lines.append(f"| `{code.name}` | {code.value} |")
    return "\n".join(lines) + "\n"


GENERATED = {
    "cli.md": cli_markdown,
    "configuration.md": settings_markdown,
    "errors.md": errors_markdown,
}


def main_() -> int:
    check = "--check" in sys.argv
    stale = []
    for name, render in GENERATED.items():
        path = DOCS / name
        text = render()
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print("stale docs (run python scripts/gen_docs.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main_())
