"""Names of pipeline components and where their classes live (imported on demand)."""

from __future__ import annotations

import importlib

from ..errors import ErrorCode, UsageError
from .component import Component

__all__ = ["COMPONENTS", "component_class"]

#: component name -> "module:Class", relative to ``wirecoder.nlp``.
COMPONENTS: dict[str, str] = {
    "entities": "entities:EntityComponent",
    "times": "times:TimeComponent",
    "places": "places:PlaceComponent",
    "actors": "actors:ActorComponent",
    "events": "events:EventComponent",
    "event_dates": "event_dates:EventDateComponent",
    "attribution": "attribution:AttributionComponent",
    "event_locations": "event_locations:EventLocationComponent",
    # optional: needs the ``embeddings`` extra (torch + the all-MiniLM-L6-v2 package)
    "event_typer": "event_typer:EventTyperComponent",
}


def component_class(name: str) -> type[Component]:
    """Return the class registered under ``name``."""
    try:
        target = COMPONENTS[name]
    except KeyError:
        raise UsageError(ErrorCode.W401, name=name, known=", ".join(COMPONENTS)) from None
    module_name, cls_name = target.split(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    cls = getattr(module, cls_name)
    assert issubclass(cls, Component)
    return cls
