"""Load and validate the ontology data files: PLOVER types, sectors, trigger lexicon, exemplars.

The bundled files live in ``wirecoder/ontology/data``. A user folder (``Settings.ontology``)
may hold files with the same names: ``plover.json`` and ``sectors.json`` entries extend or
replace bundled ones key by key, ``triggers.jsonl`` and ``exemplars.jsonl`` lines are added
(user triggers win ties against bundled ones). Every problem raises a
:class:`~wirecoder.errors.DataFileError` that names the file and, for JSON Lines, the line.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataFileError, ErrorCode
from ..records import Codes

__all__ = [
    "DATA_DIR",
    "EventType",
    "Exemplar",
    "Mode",
    "Ontology",
    "Trigger",
    "load_ontology",
    "read_json",
    "read_jsonl",
]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
POS_TAGS = frozenset({"VERB", "NOUN", "ADJ"})


@dataclass(frozen=True, slots=True)
class Acled:
    event_type: str | None
    sub_event_type: str | None


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    definition: str
    score: float | None = None
    acled: Acled | None = None
    cameo_root: str | None = None  # when the mode has its own CAMEO root (firearms -> 19)


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    definition: str
    quad: int
    score: float
    recipient_required: bool
    cameo_roots: tuple[str, ...]
    modes: dict[str, Mode]
    acled: Acled | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a lemma (plus required nearby lemmas) that signals an event type."""

    lemma: str
    type: str
    confidence: float
    mode: str | None = None
    pos: str | None = None
    with_: tuple[str, ...] = ()
    with_dep: tuple[str, ...] = ()  # one of these dependents is required ("tell" + xcomp)
    without_dep: tuple[str, ...] = ()  # none of these may be a dependent ("call for" + dobj)
    without: tuple[str, ...] = ()  # lemmas that must not be nearby ("take" but not "place")
    governs: bool = False  # a frame verb: events in its complement are folded into it
    inverse: bool = False  # subject is the recipient, "from X" the actor ("received aid from X")
    contexts: tuple[str, ...] = ()
    origin: str = ""  # file:line, reported as the event's reason

    @property
    def specificity(self) -> int:
        return len(self.with_) * 2 + (1 if self.with_dep else 0) + (1 if self.pos else 0)


@dataclass(frozen=True, slots=True)
class Exemplar:
    type: str
    mode: str | None
    text: str


@dataclass(slots=True)
class Ontology:
    """The PLOVER ontology as loaded: types, contexts, sectors, triggers and exemplars."""

    version: str
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    sectors: dict[str, str]
    triggers: list[Trigger] = field(default_factory=list)
    exemplars: list[Exemplar] = field(default_factory=list)
    complement_modes: dict[str, dict[str, str | None]] = field(default_factory=dict)
    intent_types: dict[str, str] = field(default_factory=dict)
    #: types that a modal ("will attack") turns into a threat (``intent_types["conflictual"]``)
    threat_under_modal: frozenset[str] = frozenset()
    #: doers whose ASSAULT is a violent protest, and the PROTEST mode per ASSAULT mode ("*": other)
    crowd_actors: frozenset[str] = frozenset()
    crowd_modes: dict[str, str] = field(default_factory=dict)

    def codes(self, type_name: str, mode: str | None = None) -> Codes:
        """Return the CAMEO/quad/score/ACLED codes of a type and mode."""
        etype = self.types[type_name]
        mode_rec = etype.modes.get(mode) if mode else None
        score = mode_rec.score if mode_rec and mode_rec.score is not None else etype.score
        acled = mode_rec.acled if mode_rec and mode_rec.acled else etype.acled
        root = mode_rec.cameo_root if mode_rec and mode_rec.cameo_root else None
        return Codes(
            cameo_root=root or (etype.cameo_roots[0] if etype.cameo_roots else None),
            quad=etype.quad,
            plover_score=score,
            acled_event_type=acled.event_type if acled else None,
            acled_sub_event_type=acled.sub_event_type if acled else None,
        )

    def triggers_by_lemma(self) -> dict[str, list[Trigger]]:
        """Return the lexicon indexed by lemma, most specific and most confident entry first."""
        index: dict[str, list[Trigger]] = {}
        for trig in self.triggers:
            index.setdefault(trig.lemma, []).append(trig)
        for entries in index.values():
            entries.sort(key=lambda t: (-t.specificity, -t.confidence))
        return index


# --- reading files ----------------------------------------------------------------------------


def read_json(path: Path) -> Any:
    """Return the parsed content of a JSON file, or raise DataFileError (W501)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(ErrorCode.W501, path=path, detail=str(exc)) from exc


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank, non-comment line of a JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(ErrorCode.W501, path=path, detail=str(exc)) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(ErrorCode.W502, path=path, line=number, detail=str(exc)) from exc
        if not isinstance(obj, dict):
            raise DataFileError(ErrorCode.W502, path=path, line=number, detail="not an object")
        yield number, obj


def _fail(path: Path, detail: str, line: int | None = None) -> DataFileError:
    if line is None:
        return DataFileError(ErrorCode.W501, path=path, detail=detail)
    return DataFileError(ErrorCode.W502, path=path, line=line, detail=detail)


# --- validation -------------------------------------------------------------------------------


def _acled(raw: Any, path: Path, where: str) -> Acled | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"event_type", "sub_event_type"}:
        raise _fail(path, f"{where}: acled must be an object with event_type/sub_event_type")
    if raw.get("event_type") is None:
        return None
    return Acled(raw.get("event_type"), raw.get("sub_event_type"))


def _cameo_root(raw: Any, path: Path, where: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.isdigit() or len(raw) != 2:
        raise _fail(path, f"{where}: cameo_root must be a two-digit string such as '19'")
    return raw


def _event_type(name: str, raw: Any, path: Path) -> EventType:
    if not isinstance(raw, dict):
        raise _fail(path, f"type {name}: must be an object")
    missing = {"definition", "quad", "score", "modes"} - set(raw)
    if missing:
        raise _fail(path, f"type {name}: missing {', '.join(sorted(missing))}")
    if raw["quad"] not in (1, 2, 3, 4):
        raise _fail(path, f"type {name}: quad must be 1..4, not {raw['quad']!r}")
    if not isinstance(raw["modes"], dict):
        raise _fail(path, f"type {name}: modes must be an object")
    modes = {
        m: Mode(
            m,
            str(v.get("definition", "")),
            v.get("score"),
            _acled(v.get("acled"), path, f"{name}.{m}"),
            _cameo_root(v.get("cameo_root"), path, f"{name}.{m}"),
        )
        for m, v in raw["modes"].items()
    }
    return EventType(
        name=name,
        definition=str(raw["definition"]),
        quad=int(raw["quad"]),
        score=float(raw["score"]),
        recipient_required=bool(raw.get("recipient_required", False)),
        cameo_roots=tuple(raw.get("cameo_roots", ())),
        modes=modes,
        acled=_acled(raw.get("acled"), path, name),
    )


def _trigger(
    obj: dict[str, Any], types: dict[str, EventType], contexts: set[str], path: Path, line: int
) -> Trigger:
    unknown = set(obj) - {
        "lemma",
        "type",
        "mode",
        "pos",
        "with",
        "with_dep",
        "without",
        "without_dep",
        "governs",
        "inverse",
        "contexts",
        "confidence",
        "note",
    }
    if unknown:
        raise _fail(path, f"unknown keys {sorted(unknown)}", line)
    lemma, type_name = obj.get("lemma"), obj.get("type")
    if not isinstance(lemma, str) or not lemma:
        raise _fail(path, "'lemma' must be a non-empty string", line)
    if type_name not in types:
        raise _fail(path, f"unknown event type {type_name!r}", line)
    mode = obj.get("mode")
    if mode is not None and mode not in types[type_name].modes:
        raise _fail(path, f"mode {mode!r} is not a mode of {type_name}", line)
    confidence = obj.get("confidence")
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise _fail(path, "'confidence' must be a number in 0..1", line)
    pos = obj.get("pos")
    if pos is not None and pos not in POS_TAGS:
        raise _fail(path, f"'pos' must be one of {sorted(POS_TAGS)}", line)
    with_ = obj.get("with", [])
    if not isinstance(with_, list) or not all(isinstance(w, str) for w in with_):
        raise _fail(path, "'with' must be a list of lemmas", line)
    for key in ("with_dep", "without", "without_dep"):
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise _fail(path, f"'{key}' must be a list of strings", line)
    ctx = obj.get("contexts", [])
    if not isinstance(ctx, list) or set(ctx) - contexts:
        raise _fail(path, f"unknown contexts {sorted(set(ctx) - contexts)}", line)
    return Trigger(
        lemma=lemma.lower(),
        type=type_name,
        confidence=float(confidence),
        mode=mode,
        pos=pos,
        with_=tuple(w.lower() for w in with_),
        with_dep=tuple(obj.get("with_dep", [])),
        without_dep=tuple(obj.get("without_dep", [])),
        without=tuple(w.lower() for w in obj.get("without", [])),
        governs=bool(obj.get("governs", False)),
        inverse=bool(obj.get("inverse", False)),
        contexts=tuple(ctx),
        origin=f"{path.name}:{line}",
    )


def _exemplar(obj: dict[str, Any], types: dict[str, EventType], path: Path, line: int) -> Exemplar:
    type_name, mode, text = obj.get("type"), obj.get("mode"), obj.get("text")
    if type_name not in types:
        raise _fail(path, f"unknown event type {type_name!r}", line)
    if mode is not None and mode not in types[type_name].modes:
        raise _fail(path, f"mode {mode!r} is not a mode of {type_name}", line)
    if not isinstance(text, str) or not text.strip():
        raise _fail(path, "'text' must be a non-empty string", line)
    return Exemplar(type_name, mode, text)


# --- assembling -------------------------------------------------------------------------------


def _merge_plover(folders: list[Path]) -> tuple[dict[str, Any], Path]:
    merged: dict[str, Any] = {
        "types": {},
        "contexts": [],
        "complement_modes": {},
        "intent_types": {},
        "threat_under_modal": [],
        "crowd_violence": {"actors": [], "modes": {}},
    }
    last = folders[0] / "plover.json"
    for folder in folders:
        path = folder / "plover.json"
        if not path.exists():
            continue
        raw = read_json(path)
        if not isinstance(raw, dict) or not isinstance(raw.get("types", {}), dict):
            raise _fail(path, "expected an object with a 'types' object")
        merged["version"] = raw.get("version", merged.get("version", "unknown"))
        merged["types"].update(raw.get("types", {}))
        merged["contexts"] += [c for c in raw.get("contexts", []) if c not in merged["contexts"]]
        merged["complement_modes"].update(raw.get("complement_modes", {}))
        merged["intent_types"].update(raw.get("intent_types", {}))
        if "threat_under_modal" in raw:  # a later folder replaces the list
            merged["threat_under_modal"] = list(raw["threat_under_modal"])
        if "crowd_violence" in raw:  # and the crowd-violence table
            crowd = raw["crowd_violence"]
            if not isinstance(crowd, dict) or not isinstance(crowd.get("modes", {}), dict):
                raise _fail(path, "crowd_violence: expected {'actors': [...], 'modes': {...}}")
            merged["crowd_violence"] = {
                "actors": list(crowd.get("actors", [])),
                "modes": dict(crowd.get("modes", {})),
            }
        last = path
    return merged, last


def _check_mappings(ontology: Ontology, path: Path) -> None:
    for type_name, table in ontology.complement_modes.items():
        if type_name not in ontology.types:
            raise _fail(path, f"complement_modes: unknown type {type_name!r}")
        for inner, mode in table.items():
            if mode is not None and mode not in ontology.types[type_name].modes:
                raise _fail(path, f"complement_modes.{type_name}.{inner}: unknown mode {mode!r}")
    for key, type_name in ontology.intent_types.items():
        if type_name not in ontology.types:
            raise _fail(path, f"intent_types.{key}: unknown type {type_name!r}")
    for type_name in ontology.threat_under_modal:
        if type_name not in ontology.types:
            raise _fail(path, f"threat_under_modal: unknown type {type_name!r}")
    protest = ontology.types.get("PROTEST")
    for key, mode in ontology.crowd_modes.items():
        if protest is None or mode not in protest.modes:
            raise _fail(path, f"crowd_violence.modes.{key}: unknown PROTEST mode {mode!r}")


def _load(folders: list[Path]) -> Ontology:
    raw, plover_path = _merge_plover(folders)
    types = {name: _event_type(name, v, plover_path) for name, v in raw["types"].items()}
    ontology = Ontology(
        version=str(raw.get("version", "unknown")),
        types=types,
        contexts=tuple(raw["contexts"]),
        sectors={},
        complement_modes=raw["complement_modes"],
        intent_types=raw["intent_types"],
        threat_under_modal=frozenset(raw["threat_under_modal"]),
        crowd_actors=frozenset(a.lower() for a in raw["crowd_violence"]["actors"]),
        crowd_modes=raw["crowd_violence"]["modes"],
    )
    _check_mappings(ontology, plover_path)
    context_set = set(ontology.contexts)
    for folder in reversed(folders):  # user files first: they win ties in the lexicon
        path = folder / "triggers.jsonl"
        if path.exists():
            ontology.triggers += [
                _trigger(o, types, context_set, path, n) for n, o in read_jsonl(path)
            ]
    for folder in folders:
        path = folder / "exemplars.jsonl"
        if path.exists():
            ontology.exemplars += [_exemplar(o, types, path, n) for n, o in read_jsonl(path)]
        path = folder / "sectors.json"
        if path.exists():
            sectors = read_json(path).get("sectors")
            if not isinstance(sectors, dict):
                raise _fail(path, "expected an object with a 'sectors' object")
            ontology.sectors.update({str(k): str(v) for k, v in sectors.items()})
    log.debug(
        "ontology %s: %d types, %d triggers", ontology.version, len(types), len(ontology.triggers)
    )
    return ontology


@functools.lru_cache(maxsize=8)
def load_ontology(extra: Path | None = None) -> Ontology:
    """Return the bundled ontology, extended by the files in folder ``extra`` (cached)."""
    folders = [DATA_DIR]
    if extra is not None:
        if not Path(extra).is_dir():
            raise DataFileError(ErrorCode.W501, path=extra, detail="not a folder")
        folders.append(Path(extra))
    return _load(folders)
