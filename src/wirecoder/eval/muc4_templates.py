"""MUC-4 templates from our records: incident types, role fillers, confidence and stage.

Our incident events are grouped into templates by (incident type, place, threat); each template's
perpetrator confidence (slot 11) and stage of execution (slot 5) are read from its events
and the document (``muc4_confidence``). The scorer that compares them with the answer keys
is ``wirecoder.eval.muc4``.
"""

from __future__ import annotations

import functools
import importlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..nlp.attribution import trigger_head
from ..records import DocumentRecord, Event, Place
from .muc4_confidence import (
    document_confidence,
    is_attempt,
    is_attempt_on,
    organisation_sentences,
    self_reported,
    text_confidence,
)
from .muc4_corpus import ROLES
from .scoring import head_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "CONFIDENCE_LABELS",
    "STAGE_LABELS",
    "PredictedTemplate",
    "incident_type",
    "muc_confidence",
    "muc_stage",
    "predicted_templates",
    "template_confidence",
    "template_stage",
]

log = logging.getLogger(__name__)


CONFIDENCE_LABELS: tuple[str, ...] = (
    "REPORTED AS FACT", "CLAIMED OR ADMITTED", "SUSPECTED OR ACCUSED",
    "SUSPECTED OR ACCUSED BY AUTHORITIES", "POSSIBLE",
)  # fmt: skip
STAGE_LABELS: tuple[str, ...] = ("ACCOMPLISHED", "ATTEMPTED", "THREATENED")

#: Fallback maps from our event status to MUC labels, used when ``wirecoder.nlp.modality``
#: does not provide them.
FALLBACK_CONFIDENCE: dict[str, str] = {
    "asserted": "REPORTED AS FACT",
    "reported": "REPORTED AS FACT",
    "attempted": "REPORTED AS FACT",
    "threatened": "REPORTED AS FACT",
    "claimed": "CLAIMED OR ADMITTED",
    "alleged": "SUSPECTED OR ACCUSED",
    "denied": "SUSPECTED OR ACCUSED",
    "hypothetical": "POSSIBLE",
    "future": "POSSIBLE",
    "negated": "POSSIBLE",
}
FALLBACK_STAGE: dict[str, str] = {
    "attempted": "ATTEMPTED",
    "threatened": "THREATENED",
    "future": "THREATENED",
    "hypothetical": "THREATENED",
}
#: Actor kinds whose named members are perpetrator organisations.
ORGANISATION_KINDS = frozenset({"organisation", "party", "igo", "armed_group"})
AUTHORITY_KINDS = frozenset({"official", "government", "military", "police", "state"})
# --- our events as templates ----------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def incident_type_map() -> dict[str, Any]:
    """Return the PLOVER -> MUC-4 incident type rules (``data/muc4_incident_types.json``)."""
    text = resources.files(__package__).joinpath("data/muc4_incident_types.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def incident_type(event: Event) -> str | None:
    """Return the MUC-4 incident type of one of our events, or None if it is no incident."""
    rules = incident_type_map()
    trigger_words = {w.lower() for w in re.findall(r"[A-Za-z-]+", event.trigger.text)}
    for rule in rules["trigger_rules"]:
        if event.type in rule["plover_types"] and trigger_words & set(rule["words"]):
            return str(rule["muc"])
    if event.type in rules["plover_types"] and event.mode in rules["modes"]:
        return str(rules["modes"][event.mode])
    found = rules["plover_types"].get(event.type)
    return str(found) if found else None


def _modality() -> Any:
    """Return ``wirecoder.nlp.modality`` if it can be imported, else None."""
    try:
        return importlib.import_module("wirecoder.nlp.modality")
    except ImportError:
        return None


def _modality_table(name: str, fallback: dict[str, str]) -> dict[str, str]:
    table = getattr(_modality(), name, None)
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else fallback


def template_confidence(template: PredictedTemplate) -> str:
    """Return the perpetrator confidence of a whole template.

    CLAIMED OR ADMITTED when an organisation the document names reports an act of its own
    ("the Front reports that its units attacked", ``muc4_confidence.self_reported``). Else
    how the document's sentences that name an organisation (ours as perpetrator, or
    any organisation or authority the text names) present its responsibility
    (``muc4_confidence.text_confidence``, cue words); when no cue word is found and the
    template can parse, cues tied to an organisation by the dependency parse
    (``muc4_confidence.document_confidence``); else from the template's own events (a claim
    or an accusation on one of them), else its most confident event. A claim of another
    incident in the same text does not make this one claimed.
    """
    if template.doc is not None and self_reported(template.doc, template.organisations()):
        return "CLAIMED OR ADMITTED"
    sentences = organisation_sentences(template.document_text, template.organisations())
    found = text_confidence(sentences)
    if found is None and template.doc is not None:
        found = document_confidence(template.doc, template.organisations())
    if found is not None:
        return found
    decide = getattr(_modality(), "muc_template_confidence", None)
    if decide is None:
        return muc_confidence(template.main)
    return str(decide(template.events))


def muc_confidence(event: Event) -> str:
    """Return the PERP: ORGANIZATION CONFIDENCE label of our event's status.

    Uses ``wirecoder.nlp.modality.muc_confidence`` when it exists; otherwise our table, where
    an accusation attributed to officials becomes SUSPECTED OR ACCUSED BY AUTHORITIES.
    """
    kinds = [a.kind for a in event.attribution]
    convert = getattr(_modality(), "muc_confidence", None)
    if callable(convert):
        try:
            return str(convert(str(event.status), source_kinds=kinds))
        except (KeyError, ValueError):
            log.debug("modality.muc_confidence has no label for %r", event.status)
    table = _modality_table("STATUS_TO_MUC_CONFIDENCE", FALLBACK_CONFIDENCE)
    label = table.get(str(event.status), "REPORTED AS FACT")
    if label == "SUSPECTED OR ACCUSED" and AUTHORITY_KINDS & set(kinds):
        return "SUSPECTED OR ACCUSED BY AUTHORITIES"
    return label


def muc_stage(event: Event) -> str:
    """Return the INCIDENT: STAGE OF EXECUTION label of our event (THREATEN: THREATENED)."""
    if event.type == "THREATEN":
        return "THREATENED"
    table = _modality_table("STATUS_TO_MUC_STAGE", FALLBACK_STAGE)
    return table.get(str(event.status), "ACCOMPLISHED")


def template_stage(template: PredictedTemplate) -> str:
    """Return the stage of execution of a whole template.

    ATTEMPTED when one of its events' sentences says the act failed or was stopped ("the
    bomb was defused"); else ACCOMPLISHED if any of its events was carried out, then
    ATTEMPTED, then THREATENED (threats form templates of their own, so a template is
    THREATENED when all its events are threats). A hypothetical in the perfect ("could have
    been murdered by the army") doubts who did it, not that it was done: accomplished.
    """
    text = template.document_text
    doc = template.doc if text else None
    stages = set()
    for event in template.events:
        stage = muc_stage(event)
        if doc is not None:
            trigger = _trigger_token(event, doc)
            if trigger is not None and is_attempt_on(trigger.sent, trigger):
                return "ATTEMPTED"
            if trigger is not None and str(event.status) == "hypothetical" and _perfect(trigger):
                stage = "ACCOMPLISHED"  # "could have been murdered by": who did it is in doubt
        elif text and is_attempt(text[event.sentence.start : event.sentence.end]):
            return "ATTEMPTED"
        stages.add(stage)
    return next(label for label in STAGE_LABELS if label in stages)


def _perfect(verb: Token) -> bool:
    """Return True for a perfect verb group ("may have killed", "could have been murdered")."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children
    )


@dataclass
class PredictedTemplate:
    """Our events of one incident type at one place, with their role fillers."""

    incident_type: str
    events: list[Event]
    place: Place | None
    fillers: dict[str, list[str]] = field(default_factory=dict)  # role -> strings
    document_text: str = ""
    # organisations and authorities the document names (ORG entities, organisation actors)
    document_organisations: list[str] = field(default_factory=list)
    # the document's parse (the confidence reader ties cues to organisations by the parse)
    doc: Doc | None = None

    def organisations(self) -> list[str]:
        """Return our perpetrator organisations, then every organisation the document names."""
        return [*self.fillers.get("perp_organization", []), *self.document_organisations]

    @property
    def main(self) -> Event:
        return max(self.events, key=lambda e: e.confidence)

    @property
    def dated(self) -> Event:
        """Return the event whose date the template takes: of the events dated by a time
        expression, the one whose date most of them share (one incident told in several
        sentences), ties to the most confident; without any, the main event."""
        timed = [e for e in self.events if e.date is not None and e.date.time is not None]
        spans = Counter((e.date.start_date, e.date.end_date) for e in timed if e.date)
        return max(
            timed,
            key=lambda e: (
                spans[(e.date.start_date, e.date.end_date)] if e.date else 0,
                e.confidence,
            ),
            default=self.main,
        )


def _overlapping_labels(record: DocumentRecord, start: int, end: int) -> set[str]:
    return {e.label for e in record.entities if e.start < end and start < e.end}


def _event_fillers(event: Event, record: DocumentRecord) -> dict[str, list[str]]:
    """Return our role fillers of one event, by MUC role.

    Actors overlapping an ORG entity, or resolved to a named organisation, party, IGO or armed
    group (a capitalised word in the argument: "FMLN", not "the guerrillas"), are perpetrator
    organisations; other actors perpetrator individuals. Recipients whose head is a physical object (a data-file list) or that overlap
    a FAC entity are physical targets; recipients that are places (overlapping a GPE or LOC
    entity) are dropped; other recipients are human targets. The record has no
    instrument argument, so the instrument role is never filled.
    """
    physical = set(incident_type_map()["physical_target_heads"])
    actors = {a.id: a for a in record.actors}
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    for arg in event.actor:
        actor = actors.get(arg.actor or "")
        if actor is not None and actor.kind == "unknown" and arg.text == event.trigger.text:
            continue  # "Kent was kidnapped": an implicit doer, no filler in the text
        kind = actor.kind if actor is not None else None
        named_group = kind in ORGANISATION_KINDS and _is_named(arg.text)
        is_org = named_group or "ORG" in _overlapping_labels(record, arg.start, arg.end)
        out["perp_organization" if is_org else "perp_individual"].append(arg.text)
        owner = actors.get(actor.affiliation or "") if actor is not None else None
        if not is_org and owner is not None and owner.kind in ORGANISATION_KINDS:
            # "members of the Camilist Union": the members' group is the perpetrator org
            out["perp_organization"].append(owner.name)
    for arg in event.recipient:
        labels = _overlapping_labels(record, arg.start, arg.end)
        is_physical = "FAC" in labels or head_word(arg.text) in physical
        if not is_physical and labels & {"GPE", "LOC"}:
            continue  # a place named as the recipient is no target in MUC-4
        out["physical_target" if is_physical else "human_target"].append(arg.text)
    return out


def _is_named(text: str) -> bool:
    """Return True if a phrase has a capitalised word other than a leading article."""
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", text) if w.lower() not in ("the", "a", "an")]
    return any(w[0].isupper() for w in words)


def predicted_templates(
    record: DocumentRecord, *, doc: Doc | None = None
) -> list[PredictedTemplate]:
    """Return our templates: incident events grouped by (type, resolved place, threat or not).

    Negated acts, plans and possibilities are no incidents (``_is_incident``); a threat is a
    template of its own, apart from an act at the same place (MUC-4 keys keep them apart).

    ``doc`` (the record's spaCy parse) lets the confidence reader use the dependency parse;
    without it the reader matches cue words in the sentences that name an organisation.
    """
    places = {p.id: p for p in record.places}
    organisations = _document_organisations(record)
    groups: dict[tuple[str, str | None, bool], PredictedTemplate] = {}
    for event in record.events:
        kind = incident_type(event)
        if kind is None or not _is_incident(event, doc):
            continue
        place_id = event.location.place if event.location else None
        where = _where(places[place_id]) if place_id in places else place_id
        key = (kind, where, muc_stage(event) == "THREATENED")
        if key not in groups:
            groups[key] = PredictedTemplate(
                kind,
                [],
                places.get(place_id or ""),
                document_text=record.text,
                document_organisations=organisations,
                doc=doc,
            )
        group = groups[key]
        group.events.append(event)
        for role, strings in _event_fillers(event, record).items():
            group.fillers.setdefault(role, []).extend(strings)
    return list(groups.values())


def _where(place: Place) -> str:
    """Return what a template's place is: the resolved entry, not the mention.

    "San Salvador" twice, or "the capital" and "San Salvador", are one place.
    """
    if place.geonameid is not None:
        return f"geonames:{place.geonameid}"
    return f"{place.name or place.text}@{place.lat},{place.lon}"


def _is_incident(event: Event, doc: Doc | None) -> bool:
    """Return True if an event is a MUC-4 incident: done, attempted or threatened.

    A negated act, a plan ("the army will launch an offensive") and a possibility ("if the
    violence grows") are no incident; a possibility in the perfect ("could have been
    murdered by") is an act whose author is in doubt.
    """
    status = str(event.status)
    if status in ("negated", "future"):
        return False
    if status == "threatened" and event.type == "THREATEN":
        # a threat verb makes a MUC-4 threat; an act under "will" ("the army will crush the
        # rebels"), coded THREATEN from its modal, is a statement of intent, as a plan is
        trigger = _trigger_token(event, doc)
        return trigger is None or trigger.lemma_.lower() in _threat_lemmas()
    if status != "hypothetical":
        return True
    trigger = _trigger_token(event, doc)
    return trigger is not None and _perfect(trigger)


@functools.cache
def _threat_lemmas() -> frozenset[str]:
    from ..nlp.cues import load_cues

    cues = load_cues()
    return frozenset(cues.threat_verbs | cues.warning_verbs | cues.threat_nouns)


def _trigger_token(event: Event, doc: Doc | None) -> Token | None:
    """Return the root token of an event's trigger in the parse, or None without one."""
    return trigger_head(doc, event) if doc is not None else None


def _document_organisations(record: DocumentRecord) -> list[str]:
    """Return the names of the organisations and authorities a document names (deduplicated)."""
    names = [e.text for e in record.entities if e.label == "ORG"]
    names += [
        a.name for a in record.actors if a.name and a.kind in ORGANISATION_KINDS | AUTHORITY_KINDS
    ]
    return list(dict.fromkeys(n for n in names if n.strip()))
