"""The cue lexicon of attribution and modality: loaded from ``data/cues.json`` and validated.

The lexicon is data (STYLE 6): reporting verbs by class, hedges, negation, modals, future,
attempt and threat cues, self-reference words and the words that tell a source's kind. Users
extend it by editing or replacing the JSON file; :func:`load_cues` checks its shape and raises
``DataFileError`` (W501) with a precise message when it is wrong.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataFileError, ErrorCode
from ..records import EventStatus

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "DEFAULT_CUES_PATH",
    "CueLexicon",
    "ResponsibilityCues",
    "is_group_name",
    "is_reporting_verb",
    "load_cues",
]

DEFAULT_CUES_PATH = Path(__file__).parent / "data" / "cues.json"

#: Reporting-verb classes that the analysis knows how to use.
REPORTING_CLASSES = ("neutral", "allegation", "claim", "denial")
#: Source kinds in the order they are tried on a source phrase.
SOURCE_KIND_KEYS = ("media", "witness", "unnamed_source", "official", "organisation")


@dataclass(frozen=True, slots=True)
class ResponsibilityCues:
    """Words that tell how a sentence presents an organisation's responsibility for an act."""

    accusation_verbs: frozenset[str]  # lemmas: "the police blamed X"
    accusation_words: frozenset[str]  # "alleged X members", "apparently carried out by X"
    possibility_words: frozenset[str]  # "possibly", "likely"
    possibility_modals: frozenset[str]  # "could have been carried out by X"
    rule_out_verbs: frozenset[str]  # "did not rule out that X ..."
    authority_words: frozenset[str]  # a speaker that is an authority
    non_authority_words: frozenset[str]  # a speaker that is not


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue words by role; every word set holds lower-case lemmas or words."""

    reporting: dict[str, str]  # lemma -> reporting class
    class_status: dict[str, EventStatus]
    responsibility_nouns: frozenset[str]
    responsibility_verbs: frozenset[str]  # "took responsibility": a claim without a reporting verb
    transparent_nouns: frozenset[str]
    support_verbs: frozenset[str]  # "carried out an attack": the doer of the noun is the subject
    occurrence_verbs: frozenset[str]  # "if fighting resumes": the noun's status is the verb's
    involvement_verbs: frozenset[str]  # "X was involved in the killings": X is the doer
    # "internet remained cut": the subject of a linking verb is in the participle's state
    linking_verbs: frozenset[str]
    temporal_marks: frozenset[str]  # "before/after/when ...": a clause that keeps no modality
    # "although/because ...": a concession or a cause keeps no modality of the main clause
    concessive_marks: frozenset[str]
    # "(would strike) until the government agreed": a time clause of a future or modal
    # clause is a condition still to be met, not a fact
    pending_marks: frozenset[str]
    # "(was defused) before it exploded": what a prevention forestalled did not happen
    forestalled_marks: frozenset[str]
    # "has ruled out paying ransoms": verbs (with their particle) whose gerund is refused
    refusal_governors: frozenset[str]
    # "police ruled out an attack": verbs (with their particle) whose act-noun object the
    # subject judges did not happen; the subject is no doer of it
    assessment_denials: frozenset[str]
    # "In a separate incident, ...", "Elsewhere, ...": a sentence opening on another scene
    incident_breaks: tuple[str, ...]
    # "said the army would ... and called on residents": the speaker's own appeal
    appeal_verbs: frozenset[str]
    prevention_verbs: frozenset[str]
    according_to: tuple[str, ...]
    quote_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_passive_verbs: frozenset[str]
    negation_words: frozenset[str]
    negation_determiners: frozenset[str]
    negation_pronouns: frozenset[str]
    negation_prepositions: frozenset[str]
    counterfactual_marks: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    conditional_marks: frozenset[str]
    possibility_adjectives: frozenset[str]
    future_verbs: frozenset[str]
    # future verbs that plan only through a 'to' complement ("set to", not "set off a bomb")
    future_complement_only: frozenset[str]
    future_be_to: bool
    future_time_words: frozenset[str]
    attempt_verbs: frozenset[str]
    attempt_nouns: frozenset[str]
    attempt_adjectives: frozenset[str]
    threat_verbs: frozenset[str]
    threat_nouns: frozenset[str]
    warning_verbs: frozenset[str]
    first_person: frozenset[str]
    collective_singular: frozenset[str]
    collective_plural: frozenset[str]
    personal_pronouns: frozenset[str]
    #: nouns of one person beside those of the source kinds ("a businessman", "his nephew")
    individual_nouns: frozenset[str]
    affiliation: dict[str, frozenset[str]]
    source_kinds: dict[str, frozenset[str]]
    organisation_labels: frozenset[str]
    person_labels: frozenset[str]
    # plural articles that open a group's name, not a person's ("Los Zetas"), whatever NER says
    group_name_articles: frozenset[str]
    document_nouns: frozenset[str]  # "a statement from X": X's kind
    witness_verbs: frozenset[str]  # "X, who sells fabric in the market": a named witness
    responsibility: ResponsibilityCues
    # which events a denial contradicts (see ``contradiction`` in the data file)
    blanket_words: frozenset[str] = frozenset()
    participant_deps: frozenset[str] = frozenset()
    participant_ignore: frozenset[str] = frozenset()
    same_force_kinds: frozenset[str] = frozenset()
    # trigger lemmas of two-sided acts ("exchanged fire"): one side's denial of its own act
    # ("denied that its troops fired first") does not deny that the exchange happened
    reciprocal_lemmas: frozenset[str] = frozenset()


def _fail(path: Path, detail: str) -> DataFileError:
    return DataFileError(ErrorCode.W501, path=str(path), detail=detail)


def _words(data: dict[str, Any], dotted: str, path: Path) -> frozenset[str]:
    """Return the list of strings at ``dotted`` (e.g. ``hedges.adverbs``) as a lower-case set."""
    value: Any = data
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise _fail(path, f"missing key '{dotted}'")
        value = value[part]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"'{dotted}' must be a list of non-empty strings")
    return frozenset(v.lower() for v in value)


def _reporting(data: dict[str, Any], path: Path) -> dict[str, str]:
    classes = data.get("reporting_verbs")
    if not isinstance(classes, dict):
        raise _fail(path, "missing key 'reporting_verbs'")
    unknown = set(classes) - set(REPORTING_CLASSES)
    if unknown:
        raise _fail(path, f"unknown reporting class(es) {sorted(unknown)}; use {REPORTING_CLASSES}")
    out: dict[str, str] = {}
    for cls in REPORTING_CLASSES:
        for lemma in _words(data, f"reporting_verbs.{cls}", path):
            if lemma in out:
                raise _fail(path, f"reporting verb '{lemma}' is in both '{out[lemma]}' and '{cls}'")
            out[lemma] = cls
    return out


def _class_status(data: dict[str, Any], path: Path) -> dict[str, EventStatus]:
    raw = data.get("class_status")
    if not isinstance(raw, dict) or set(raw) != set(REPORTING_CLASSES):
        raise _fail(path, f"'class_status' must map exactly {REPORTING_CLASSES} to statuses")
    try:
        return {cls: EventStatus(value) for cls, value in raw.items()}
    except ValueError as exc:
        raise _fail(path, f"'class_status': {exc}") from None


def _affiliation(data: dict[str, Any], path: Path) -> dict[str, frozenset[str]]:
    raw = data.get("self_reference", {}).get("affiliation")
    if not isinstance(raw, dict):
        raise _fail(path, "missing key 'self_reference.affiliation'")
    return {key.lower(): _words(raw, key, path) for key in raw}


def _from_data(data: dict[str, Any], path: Path) -> CueLexicon:
    def w(dotted: str) -> frozenset[str]:
        return _words(data, dotted, path)

    future = data.get("future", {})
    return CueLexicon(
        reporting=_reporting(data, path),
        class_status=_class_status(data, path),
        responsibility_nouns=w("responsibility_nouns"),
        responsibility_verbs=w("responsibility_verbs"),
        transparent_nouns=w("transparent_nouns"),
        support_verbs=w("support_verbs"),
        occurrence_verbs=w("occurrence_verbs"),
        involvement_verbs=w("involvement_verbs"),
        linking_verbs=w("linking_verbs"),
        temporal_marks=w("temporal_marks"),
        concessive_marks=w("concessive_marks"),
        pending_marks=w("pending_marks"),
        forestalled_marks=w("forestalled_marks"),
        refusal_governors=w("refusal_governors"),
        assessment_denials=w("assessment_denials"),
        incident_breaks=tuple(sorted(w("incident_breaks"))),
        appeal_verbs=w("appeal_verbs"),
        prevention_verbs=w("prevention_verbs"),
        according_to=tuple(sorted(w("according_to"))),
        quote_verbs=w("quote_verbs"),
        hedge_adverbs=w("hedges.adverbs"),
        hedge_adjectives=w("hedges.adjectives"),
        hedge_passive_verbs=w("hedges.passive_verbs"),
        negation_words=w("negation.words"),
        negation_determiners=w("negation.determiners"),
        negation_pronouns=w("negation.pronouns"),
        negation_prepositions=w("negation.prepositions"),
        counterfactual_marks=w("negation.counterfactual_marks"),
        hypothetical_modals=w("modals.hypothetical"),
        future_modals=w("modals.future"),
        conditional_marks=w("conditional_marks"),
        possibility_adjectives=w("possibility_adjectives"),
        future_verbs=w("future.verbs"),
        future_complement_only=w("future.complement_only"),
        future_be_to=bool(future.get("be_to", False)),
        future_time_words=w("future.time_words"),
        attempt_verbs=w("attempt.verbs"),
        attempt_nouns=w("attempt.nouns"),
        attempt_adjectives=w("attempt.adjectives"),
        threat_verbs=w("threat.verbs"),
        threat_nouns=w("threat.nouns"),
        warning_verbs=w("threat.warning_verbs"),
        first_person=w("self_reference.first_person"),
        collective_singular=w("self_reference.collective_singular"),
        collective_plural=w("self_reference.collective_plural"),
        personal_pronouns=w("self_reference.personal"),
        individual_nouns=w("self_reference.individual_nouns"),
        affiliation=_affiliation(data, path),
        source_kinds={key: w(f"source_kinds.{key}") for key in SOURCE_KIND_KEYS},
        organisation_labels=frozenset(w("organisation_entity_labels")),
        person_labels=frozenset(w("person_entity_labels")),
        group_name_articles=w("group_name_articles"),
        document_nouns=w("document_nouns"),
        witness_verbs=w("witness_verbs"),
        blanket_words=w("contradiction.blanket_words"),
        participant_deps=w("contradiction.participant_deps"),
        participant_ignore=w("contradiction.ignore"),
        same_force_kinds=w("contradiction.same_force_kinds"),
        reciprocal_lemmas=w("contradiction.reciprocal_lemmas"),
        responsibility=ResponsibilityCues(
            **{
                name: w(f"responsibility.{name}")
                for name in ResponsibilityCues.__dataclass_fields__
            }
        ),
    )


def _load(path: Path) -> CueLexicon:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise _fail(path, str(exc)) from None
    if not isinstance(data, dict):
        raise _fail(path, "the top level must be a JSON object")
    return _from_data(data, path)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> CueLexicon:
    return _load(path)


@functools.lru_cache(maxsize=1)
def _bundled() -> CueLexicon:
    return _load_cached(DEFAULT_CUES_PATH.resolve())


def load_cues(path: Path | None = None) -> CueLexicon:
    """Return the validated cue lexicon at ``path`` (default: the bundled one), cached per path.

    The bundled one is looked up without touching the file system: rules call this per token.
    """
    return _bundled() if path is None else _load_cached(path.resolve())


def is_group_name(ent: Span) -> bool:
    """Return whether a name opens with a plural article ("Los Cuervos Blancos"): a group's,
    though the tagger may call it a person."""
    return len(ent) > 1 and ent[0].lower_ in load_cues().group_name_articles


def is_reporting_verb(token: Token, cues: CueLexicon) -> bool:
    """Return whether ``token`` is a verb of the lexicon's reporting verbs ("said", "denied")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues.reporting
