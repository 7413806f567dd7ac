"""Names of the evaluation datasets and where their classes live (imported on demand).

A dataset module is imported only when its dataset is asked for, so a missing or broken
module affects that dataset alone (the runner reports it as skipped, W601).
"""

from __future__ import annotations

import importlib

from ..errors import ErrorCode, UsageError
from .base import Dataset

__all__ = ["DATASETS", "dataset_class", "get_dataset"]

#: dataset name -> "module:Class", relative to ``wirecoder.eval``.
DATASETS: dict[str, str] = {
    "re3d": "re3d:Re3d",
    "muc4": "muc4:Muc4",
    "wikievents": "wikievents:WikiEvents",
    "plover": "plover:PloverGSR",
    "gwn": "geoparsing:GeoWebNews",
    "lgl": "geoparsing:LGL",
    "geovirus": "geoparsing:GeoVirus",
    "trnews": "geoparsing:TRNews",
    "tempeval3": "tempeval:TempEval3",
    "attribution": "attribution:AttributionSet",
    "timebank-modality": "attribution:TimeBankModality",
}


def dataset_class(name: str) -> type[Dataset]:
    """Return the class registered under ``name`` (imports its module).

    Raises ``UsageError`` (W405) for an unknown name and ``ImportError`` when the module or
    class cannot be imported.
    """
    try:
        target = DATASETS[name]
    except KeyError:
        raise UsageError(ErrorCode.W405, name=name, known=", ".join(DATASETS)) from None
    module_name, cls_name = target.split(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    try:
        cls = getattr(module, cls_name)
    except AttributeError:
        raise ImportError(f"{module.__name__} has no class {cls_name}") from None
    if not (isinstance(cls, type) and issubclass(cls, Dataset)):
        raise ImportError(f"{module.__name__}.{cls_name} is not a Dataset")
    return cls


def get_dataset(name: str) -> Dataset:
    """Return an instance of the dataset registered under ``name``."""
    return dataset_class(name)()
