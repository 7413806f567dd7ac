"""Run evaluation datasets against one Extractor and collect their results.

The runner builds a single :class:`~wirecoder.api.Extractor` (the spaCy model loads once)
and reuses it for every dataset. A dataset whose module cannot be imported or whose data
folder is absent is reported as *skipped* (a result whose notes carry a W601 message), and a
dataset whose scorer raises is reported as *failed* (W603); neither stops the run.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import ErrorCode, UsageError
from .base import Dataset, EvalResult
from .registry import DATASETS, get_dataset

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = [
    "ALL_LIMITS",
    "build_extractor",
    "dataset_path",
    "is_failed",
    "is_skipped",
    "run_all",
    "run_evaluation",
    "usable_settings",
]

log = logging.getLogger(__name__)

#: Documents scored per dataset by ``wirecoder eval --all`` (None: the whole development part).
#: Chosen so that all datasets together finish in well under 15 minutes on 2 cores.
ALL_LIMITS: dict[str, int | None] = {
    "re3d": None,  # 46 documents
    "muc4": 600,  # TST1 + TST2 (200 texts) and the first 400 DEV texts
    "wikievents": None,  # 20 documents
    "plover": None,  # 167 sentences
    "gwn": None,  # 100 articles
    "lgl": None,  # 588 articles
    "geovirus": None,  # 229 articles
    "trnews": None,  # 118 articles, sealed part only (skipped without it)
    "tempeval3": None,  # 256 documents
    "attribution": None,  # the bundled set
    "timebank-modality": None,  # 183 TimeBank documents
}


def is_skipped(result: EvalResult) -> bool:
    """Return True if the dataset was not scored because its module or data is missing."""
    return any(note.startswith(f"[{ErrorCode.W601.name}]") for note in result.notes)


def is_failed(result: EvalResult) -> bool:
    """Return True if the dataset's scorer raised an error."""
    return any(note.startswith(f"[{ErrorCode.W603.name}]") for note in result.notes)


def dataset_path(dataset: Dataset, data: Path | None, *, only: bool = False) -> Path:
    """Return where ``dataset`` reads its data.

    ``data`` is a benchmarks root that holds the dataset's folder (``data / dataset.folder``),
    or, when this is the only dataset asked for or ``data`` is named like its folder, the
    dataset folder itself. Without ``data``: the default benchmarks folder.
    """
    if data is None:
        return dataset.default_path()
    nested = data / dataset.folder
    if nested.is_dir() or not (only or data.name == dataset.folder):
        return nested
    return data


def usable_settings(settings: Settings) -> Settings:
    """Return ``settings`` without the components whose modules cannot be imported yet.

    Components are developed in parallel; the harness scores whatever part of the pipeline
    exists. Each dropped component is logged.
    """
    from ..nlp.registry import component_class

    kept: list[str] = []
    for name in settings.components:
        try:
            component_class(name)
        except ImportError as exc:
            log.warning("component %r is not available and is left out: %s", name, exc)
            continue
        kept.append(name)
    return dataclasses.replace(settings, components=tuple(kept))


def build_extractor(settings: Settings) -> Extractor:
    """Return an Extractor over the components of ``settings`` that can run.

    Components that cannot be imported are dropped, and so are components whose inputs are
    then missing (W402), one at a time.
    """
    from ..api import Extractor

    current = usable_settings(settings)
    while True:
        try:
            return Extractor(current)
        except UsageError as exc:
            if exc.code is not ErrorCode.W402 or not current.components:
                raise
            bad = str(exc.params["component"])
            log.warning("component %r is left out: %s", bad, exc)
            kept = tuple(c for c in current.components if c != bad)
            current = dataclasses.replace(current, components=kept)


def _skipped(name: str, path: Path | str, detail: str) -> EvalResult:
    message = ErrorCode.W601.format(path=path, detail=detail)
    log.warning("%s", message)
    return EvalResult(dataset=name, notes=[message])


def _evaluate(
    dataset: Dataset, extractor: Extractor, *, path: Path, limit: int | None
) -> EvalResult:
    started = time.perf_counter()
    try:
        result = dataset.evaluate(extractor, data=path, limit=limit)
    except Exception as exc:  # one broken scorer must not hide the other datasets' figures
        log.exception("evaluation of %s failed", dataset.name)
        message = ErrorCode.W603.format(dataset=dataset.name, detail=repr(exc))
        return EvalResult(dataset=dataset.name, notes=[message])
    if not result.seconds:
        result.seconds = time.perf_counter() - started
    result.notes.append(f"pipeline: {extractor.version}")
    if limit is not None:
        result.notes.append(f"subset: first {limit} documents (--limit {limit})")
    return result


def run_evaluation(
    names: Iterable[str],
    *,
    settings: Settings | None = None,
    data: Path | None = None,
    limit: int | None = None,
    limits: Mapping[str, int | None] | None = None,
    extractor: Extractor | None = None,
    skip: int = 0,
) -> list[EvalResult]:
    """Return one result per dataset name, in order; skipped datasets are results too.

    ``limit`` caps the documents of every dataset; ``limits`` gives per-dataset caps and
    wins over ``limit`` for the datasets it names. ``skip`` leaves out the first documents
    of the datasets that can score a later slice (those with a ``skip`` attribute: MUC-4).
    One Extractor (built from ``settings`` unless ``extractor`` is given) is shared by all
    datasets. Unknown names raise W405 before anything runs.
    """
    names = list(names)
    for name in names:
        if name not in DATASETS:
            raise UsageError(ErrorCode.W405, name=name, known=", ".join(DATASETS))
    results: list[EvalResult] = []
    for name in names:
        try:
            dataset = get_dataset(name)
        except ImportError as exc:
            results.append(_skipped(name, DATASETS[name], f"scorer not available: {exc}"))
            continue
        if skip and hasattr(dataset, "skip"):
            setattr(dataset, "skip", skip)  # noqa: B010 (not every Dataset has one)
        path = dataset_path(dataset, data, only=len(names) == 1)
        if not path.exists():
            results.append(_skipped(name, path, "folder missing"))
            continue
        filename = getattr(dataset, "filename", None)
        if filename and path.is_dir() and not (path / filename).exists():
            results.append(_skipped(name, path / filename, "file missing"))
            continue
        if extractor is None:
            extractor = build_extractor(settings or Settings())
        cap = limits[name] if limits is not None and name in limits else limit
        log.info("evaluating %s on %s (limit %s)", name, path, cap)
        results.append(_evaluate(dataset, extractor, path=path, limit=cap))
    return results


def run_all(
    *,
    settings: Settings | None = None,
    data: Path | None = None,
    extractor: Extractor | None = None,
) -> list[EvalResult]:
    """Return the results of every registered dataset on its ``ALL_LIMITS`` subset."""
    return run_evaluation(
        list(DATASETS), settings=settings, data=data, limits=ALL_LIMITS, extractor=extractor
    )
