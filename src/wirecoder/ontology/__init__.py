"""The PLOVER ontology as data: event types, modes, contexts, sectors, trigger lexicon, exemplars."""

from .loader import EventType, Exemplar, Mode, Ontology, Trigger, load_ontology

__all__ = ["EventType", "Exemplar", "Mode", "Ontology", "Trigger", "load_ontology"]
