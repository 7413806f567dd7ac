"""Status and attribution of one event trigger, from its parse: who says so, how sure it is.

:func:`analyse_trigger` takes a spaCy token (the head of an event trigger) and returns a
:class:`StatusDecision`. It walks from the trigger up the dependency tree; every cue met on
the way (a reporting verb whose complement holds the trigger, "according to", a negation, a
modal, an attempt or threat verb, a hedge ...) is a *finding*. The innermost finding that bears
a status decides it; the reporting findings, outermost first, give the attribution chain.
The cue words are data (``data/cues.json``, :mod:`wirecoder.nlp.cues`); the rules are in
``docs/attribution.md``. Nothing here needs the rest of the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import Event, EventStatus
from .actor_anaphora import SPOKESPERSONS
from .cues import CueLexicon, is_reporting_verb, load_cues
from .event_syntax import (
    INTENT_AUX,
    aux_subjects,
    phrasal_lemma,
    reports_a_clause,
    speakers_appeal,
    speech_act_head,
)
from .sources import (
    antecedent_source,
    is_self_reference,
    phrase_span,
    source_kind,
    subject_span,
)

__all__ = [
    "AUTHORITY_SOURCE_KINDS",
    "SOURCE_KINDS",
    "STATUS_TO_MUC_CONFIDENCE",
    "STATUS_TO_MUC_STAGE",
    "AttributionDraft",
    "StatusDecision",
    "analyse_trigger",
    "muc_confidence",
    "muc_template_confidence",
    "source_kind",
]

#: The kinds of source an attribution can have.
SOURCE_KINDS = (
    "named_person",
    "named_official",
    "unnamed_official",
    "unnamed_source",
    "media",
    "organisation",
    "perpetrator",
    "witness",
    "unknown",
)
#: Source kinds that speak for the authorities (MUC-4 "... BY AUTHORITIES").
AUTHORITY_SOURCE_KINDS = frozenset({"named_official", "unnamed_official"})

#: MUC-4 perpetrator confidence of each status (without an authority source).
STATUS_TO_MUC_CONFIDENCE: dict[str, str] = {
    EventStatus.ASSERTED: "REPORTED AS FACT",
    EventStatus.REPORTED: "REPORTED AS FACT",
    EventStatus.ALLEGED: "SUSPECTED OR ACCUSED",
    EventStatus.CLAIMED: "CLAIMED OR ADMITTED",
    EventStatus.DENIED: "SUSPECTED OR ACCUSED",
    EventStatus.NEGATED: "POSSIBLE",
    EventStatus.HYPOTHETICAL: "POSSIBLE",
    EventStatus.FUTURE: "REPORTED AS FACT",  # who plans or threatens it is not in question
    EventStatus.ATTEMPTED: "REPORTED AS FACT",
    EventStatus.THREATENED: "REPORTED AS FACT",
}
#: Statuses whose MUC-4 confidence becomes "SUSPECTED OR ACCUSED BY AUTHORITIES" when an
#: official is the source.
_AUTHORITY_STATUSES = frozenset({EventStatus.REPORTED, EventStatus.ALLEGED, EventStatus.DENIED})
#: MUC-4 stage of execution of each status.
STATUS_TO_MUC_STAGE: dict[str, str] = {
    status: {
        "attempted": "ATTEMPTED",
        "threatened": "THREATENED",
        # an act that has not happened yet is, in a MUC-4 incident, merely threatened
        "future": "THREATENED",
        "hypothetical": "THREATENED",
    }.get(status, "ACCOMPLISHED")
    for status in EventStatus
}


def muc_confidence(status: str, *, source_kinds: Iterable[str] = ()) -> str:
    """Return the MUC-4 perpetrator confidence of a status, given its sources' kinds."""
    if status in _AUTHORITY_STATUSES and AUTHORITY_SOURCE_KINDS & set(source_kinds):
        return "SUSPECTED OR ACCUSED BY AUTHORITIES"
    return STATUS_TO_MUC_CONFIDENCE[status]


def muc_template_confidence(
    events: Sequence[Event],
    *,
    document_events: Sequence[Event] = (),
    cues: CueLexicon | None = None,
) -> str:
    """Return the MUC-4 perpetrator confidence of a template from all its events.

    The strongest evidence wins: a claim of responsibility anywhere in the document (for an
    event of the template's types, or with "responsibility" in its cue), or a claimed event of
    the template, gives CLAIMED OR ADMITTED; else an accusation or hedge on any of the
    template's events or actors ("suspected rebels") gives SUSPECTED OR ACCUSED (BY
    AUTHORITIES); else the label of its most confident event.
    """
    if not events:
        raise ValueError("a template has at least one event")
    cues = cues or load_cues()
    types = {e.type for e in events}
    for event in (*events, *document_events):
        claim = _claim_cue(event, cues)
        if claim is not None and (claim == "responsibility" or event.type in types):
            return "CLAIMED OR ADMITTED"
    labels = {_event_confidence(e) for e in events}
    for event in events:  # "suspected guerrillas attacked": uncertain who did it
        if _hedged_actor(event, cues):
            labels.add(_event_confidence(event).replace("REPORTED AS FACT", "SUSPECTED OR ACCUSED"))
    for label in (
        "CLAIMED OR ADMITTED",
        "SUSPECTED OR ACCUSED BY AUTHORITIES",
        "SUSPECTED OR ACCUSED",
    ):
        if label in labels:
            return label
    return _event_confidence(max(events, key=lambda e: e.confidence))


def _hedged_actor(event: Event, cues: CueLexicon) -> bool:
    hedges = cues.hedge_adjectives | cues.hedge_adverbs
    return any(w in hedges for a in event.actor for w in a.text.lower().split())


def _event_confidence(event: Event) -> str:
    return muc_confidence(str(event.status), source_kinds=[a.kind for a in event.attribution])


def _claim_cue(event: Event, cues: CueLexicon) -> str | None:
    """Return "responsibility" or "claim" when the perpetrator claims the event, else None."""
    if event.status != EventStatus.CLAIMED:
        return None
    stems = [lemma.rstrip("e") for lemma, cls in cues.reporting.items() if cls == "claim"]
    for source in event.attribution:
        words = (source.cue or "").lower().split()
        if source.kind != "perpetrator":
            continue
        if any(w in cues.responsibility_nouns for w in words):
            return "responsibility"
        if any(w.startswith(stem) for w in words for stem in stems):
            return "claim"
    return None


@dataclass(slots=True)
class AttributionDraft:
    """A source found for a trigger, before it is linked to an actor (character offsets)."""

    text: str
    start: int
    end: int
    kind: str
    cue: str
    cue_start: int
    cue_end: int
    parent: int | None = None


@dataclass(slots=True)
class StatusDecision:
    """The status of one trigger, its attribution chain (outermost first) and why."""

    status: EventStatus
    attributions: list[AttributionDraft] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


# --- findings on the path from the trigger to the root ---------------------------------------

#: Status-bearing categories, in the order they win when found on the same token.
_PRIORITY = (
    "conditional",
    "counterfactual",
    "negation",
    "attempt",
    "threat",
    "future",
    "hypothetical",
    "possibility",
    "hedge",
    "report",
)
_CLAUSAL = frozenset(
    {
        "ccomp",
        "xcomp",
        "advcl",
        "pcomp",
        "dobj",
        "parataxis",
        "oprd",
        "acomp",
        "attr",
        "dep",
        "ROOT",
    }
)
_STOP = frozenset({"appos", "punct", "cc", "case", "mark", "det"})


@dataclass(slots=True)
class _Finding:
    category: str
    depth: int
    cue_start: int
    cue_end: int
    cue: str
    detail: str = ""  # reporting class, modal word ...
    verb: Token | None = None
    source: Span | None = None
    complement: Token | None = None  # the path node right under the cue
    responsibility: bool = False  # "claimed/denied responsibility": the source is the doer
    assessor: bool = False  # "police ruled out an attack": the source judges; it is no doer


@dataclass(slots=True)
class _Step:
    node: Token
    via: str  # "self", "clausal", "conj" or "nominal": which of its cues reach the trigger
    below: Token | None  # the path node under it
    opaque: bool = False  # crossed a relative or temporal clause: only reporting cues reach


def _path(trigger: Token, cues: CueLexicon) -> Iterator[_Step]:
    """Yield the trigger and its governors, up to where a cue can no longer reach it."""
    yield _Step(trigger, "self", None)
    child = trigger
    opaque = False
    while child.head.i != child.i:
        head, dep = child.head, child.dep_
        if dep in _STOP:
            return
        if (said := _said_in_a_document(child, cues)) is not None:
            head = said  # "said in a video posted online that it had released ..."
        elif not reports_a_clause(child) and (
            speaker := speech_act_head(child) or speakers_appeal(child)
        ):
            # "denied that X had stopped aid and accused the army of ...": he accused; a
            # second report with a clause of its own ("said troops fired and denied that
            # anyone was killed") keeps its path, through the first report's act
            head = speaker
        # an event inside a noun's modifier keeps the attribution of the clause, not its modality
        modifier = dep in ("acl", "relcl") and not _is_transparent_noun(head, cues)
        via = "clausal" if dep in _CLAUSAL else "conj" if dep == "conj" else "nominal"
        via = "nominal" if modifier else via
        if dep in ("nsubj", "nsubjpass") and _is_occurrence_verb(head, cues):
            via = "clausal"  # "if fighting resumes", "the attack did not take place"
        opaque = opaque or modifier or _is_adverbial_clause(child, cues)
        yield _Step(head, via, child, opaque)
        child = head


def _embedded_question(clause: Token) -> bool:
    """Return True for a clause that asks where, when, who ... of an event it takes as given:
    "did not know where she was being held" (she is held), "could not say who had fired"."""
    return clause.dep_ == "ccomp" and any(
        c.tag_ in ("WRB", "WP", "WDT", "WP$") and c.i < clause.i and c.lower_ != "whether"
        for c in clause.children
    )


def _said_in_a_document(clause: Token, cues: CueLexicon) -> Token | None:
    """Return the reporting verb a "that" clause belongs to when the parser hung it on a
    participle of the document it was said in: "said in a video posted online that it had
    released the teachers", "said in a statement sent to reporters that ..."."""
    if clause.dep_ != "ccomp" or not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    ):
        return None
    participle = clause.head
    if participle.dep_ != "acl" or is_reporting_verb(participle, cues):
        return None
    document, prep = participle.head, participle.head.head
    if document.lemma_.lower() not in cues.document_nouns or prep.dep_ != "prep":
        return None
    verb = prep.head
    return verb if is_reporting_verb(verb, cues) else None


def _is_occurrence_verb(verb: Token, cues: CueLexicon) -> bool:
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    if lemma in ("break", "go"):
        return any(
            c.dep_ in ("prt", "advmod") and c.lower_ in ("out", "ahead") for c in verb.children
        )
    return lemma in cues.occurrence_verbs


def _is_adverbial_clause(token: Token, cues: CueLexicon) -> bool:
    """Return True for "(when/although/because) it exploded": a clause of time, concession or cause.

    Such a clause states its event on its own: the main clause's negation or modal does not
    reach it ("although the bomb exploded, the bridge was not damaged"). The parser often
    makes "when" an adverb of the clause's verb rather than its marker: "no one was hurt
    when the shell hit the school" still states that the shell hit it.
    """
    return token.dep_ == "advcl" and any(
        (c.dep_ == "mark" or (c.dep_ == "advmod" and c.i < token.i))
        and (c.lower_ in cues.temporal_marks or c.lower_ in cues.concessive_marks)
        for c in token.children
    )


def _is_transparent_noun(token: Token, cues: CueLexicon) -> bool:
    lemma = token.lemma_.lower()
    return (
        lemma in cues.transparent_nouns
        or lemma in cues.attempt_nouns
        or lemma in cues.threat_nouns
        or lemma in cues.responsibility_nouns
    )


def _finding(category: str, depth: int, tokens: list[Token], **kw: object) -> _Finding:
    first, last = tokens[0], tokens[-1]
    start, end = first.idx, last.idx + len(last)
    text = first.doc[first.i : last.i + 1].text  # not Doc.text, which joins every token
    return _Finding(category, depth, start, end, text, **kw)  # type: ignore[arg-type]


def _marker_findings(step: _Step, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield the negation/modal/conditional/hedge markers on one path node."""
    node, via = step.node, step.via
    clausal = via in ("self", "clausal")
    if via == "conj" and step.below is not None and _own_clause(step.below):
        return  # "it would escort convoys and that the threat would not ...": no shared modal
    unsaid = (via == "clausal" and is_reporting_verb(node, cues)) or (
        via == "clausal" and step.below is not None and _embedded_question(step.below)
    )
    for child in node.children:
        low, dep = child.lower_, child.dep_
        if unsaid and dep in ("neg", "nsubj", "nsubjpass", "aux"):
            # "had not been told where they were held": the holding is not negated; "I can
            # tell you that a soldier died": the modal qualifies the telling, not the death;
            # "did not know where she was being held": she is held
            continue
        if clausal and dep == "neg" and low in cues.negation_words:
            yield _finding("negation", depth, [child])
        elif clausal and dep == "mark" and (category := _mark_category(low, node, cues)):
            yield _finding(category, depth, [child])
        elif via != "nominal" and dep == "aux" and low in cues.future_modals:
            yield _finding("future", depth, [child], detail=low)
        elif via != "nominal" and dep == "aux" and low in cues.hypothetical_modals:
            perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in node.children)
            yield _finding("hypothetical", depth, [child], detail=f"{low} have" if perfect else low)
        elif dep == "advmod" and low in cues.hedge_adverbs:
            yield _finding("hedge", depth, [child])
        elif dep == "amod" and via == "self" and low in cues.attempt_adjectives:
            yield _finding("attempt", depth, [child])
        elif dep == "amod" and via == "self" and low in cues.hedge_adjectives:
            yield _finding("hedge", depth, [child])
        elif dep == "acomp" and low in cues.possibility_adjectives and via != "conj":
            yield _finding("possibility", depth, [child])
        elif clausal and _is_negative_argument(child, node, cues):
            yield _finding("negation", depth, [child])
        elif clausal and dep == "npadvmod" and _is_future_time(child, node, cues):
            yield _finding("future", depth, [child], detail="time")


def _mark_category(mark: str, node: Token, cues: CueLexicon) -> str | None:
    """Return the finding a clause's marker (``mark``, lower case) makes on its verb ``node``."""
    if mark in cues.conditional_marks:
        return "conditional"
    if mark in cues.counterfactual_marks and _has_modal(node, cues) and not _has_intent(node):
        # "before it could explode": it did not; "(withdraw) before it would discuss their
        # release" is a condition, below
        return "counterfactual"
    if node.dep_ != "advcl":
        return None
    if mark in cues.pending_marks and _has_modal(node.head, cues):
        return "conditional"  # "would continue the strike until the government agreed"
    if mark in cues.forestalled_marks and node.head.lemma_.lower() in cues.prevention_verbs:
        # "a bomb planted under his car was found before it exploded": it did not; the
        # bombing was attempted, as "police foiled an attack" is
        return "attempt"
    return None


def _own_clause(token: Token) -> bool:
    """Return True when a conjoined verb has its own subject or auxiliary (a clause of its own)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in token.children)


def _has_modal(node: Token, cues: CueLexicon) -> bool:
    modals = cues.hypothetical_modals | cues.future_modals
    return any(c.dep_ == "aux" and c.lower_ in modals for c in node.children)


def _has_intent(node: Token) -> bool:
    """Return whether ``node`` has an auxiliary of will ("would", "will"), not of ability."""
    return any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in node.children)


def _is_negative_argument(child: Token, node: Token, cues: CueLexicon) -> bool:
    """Return True for "no one"/"nobody"/"no shots" as the subject or object of ``node``."""
    if child.dep_ == "det" and child.lower_ in cues.negation_determiners:
        return node.pos_ in ("NOUN", "PROPN")  # "no arrests" on a nominal trigger
    if child.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    if child.lower_ in cues.negation_pronouns:
        return True
    return any(
        g.dep_ == "det" and g.lower_ in cues.negation_determiners for g in child.children
    ) or (child.lower_ == "one" and any(g.lower_ == "no" for g in child.children))


def _is_future_time(child: Token, node: Token, cues: CueLexicon) -> bool:
    if node.tag_ in ("VBD", "VBN"):
        return False
    words = {child.lower_, *(g.lower_ for g in child.children)}
    return bool(words & cues.future_time_words)


def _governor_findings(step: _Step, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield the findings of the node itself as a governor of the trigger (verbs and nouns)."""
    node, below = step.node, step.below
    if below is None or step.via == "conj":
        return  # "rejected the call and demanded ...": a conjunct is no complement
    lemma = node.lemma_.lower()
    verbal = node.pos_ in ("VERB", "AUX")
    # "claimed responsibility for X", and its passive "responsibility for X was claimed by Y"
    if (lemma in cues.reporting and verbal) or (
        lemma in cues.responsibility_nouns and node.dep_ in ("dobj", "nsubjpass")
    ):
        yield from _report_finding(node, below, depth, cues)
    elif node.lower_ in cues.negation_prepositions and below.dep_ in ("pcomp", "pobj"):
        yield _finding("negation", depth, [node])
    elif lemma in cues.attempt_verbs or lemma in cues.attempt_nouns:
        yield _finding("attempt", depth, [node])
    elif lemma in cues.threat_verbs or lemma in cues.threat_nouns:
        yield _finding(
            "threat", depth, [node], source=subject_span(node, cues), complement=below, verb=node
        )
    elif lemma in cues.future_verbs and step.via == "clausal" and _plans(node, below, cues):
        yield _finding("future", depth, [node], detail=lemma, verb=node)
    elif lemma == "be" and cues.future_be_to and below.dep_ == "xcomp" and _has_to(below):
        yield _finding("future", depth, [node], detail="be to")


def _parenthetical_findings(step: _Step, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield the report of an inserted "X said" that the parser hangs on the clause.

    "Troops killed five militants near Korso, the army said, and arrested three others": the
    parser makes "said" a parataxis of "killed", so the report is below the act it reports.
    """
    node = step.node
    if step.via == "nominal" or node.pos_ not in ("VERB", "AUX"):
        return
    for child in node.children:
        if (
            child.i <= node.i
            or child.pos_ not in ("VERB", "AUX")
            or child.lemma_.lower() not in cues.reporting
        ):
            continue
        if child.dep_ == "parataxis" and any(c.dep_ == "nsubj" for c in child.children):
            yield from _report_finding(child, node, depth, cues)
        elif child.dep_ == "conj" and (speaker := _stranded_speaker(node, child)) is not None:
            yield _verb_report(child, depth, cues, source=speaker, complement=node)
        elif child.dep_ in _CLOSING_DEPS and _closing_report(child):
            yield from _report_finding(child, node, depth, cues)


#: how the parser hangs a closing "..., the army said." on an act it reports
_CLOSING_DEPS = frozenset({"conj", "ccomp"})


def _closing_findings(trigger: Token, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield the report of a closing "..., police said." wherever the parser hung it.

    "Armed men abducted 27 people ..., and soldiers rescued 11 of them, police said": the
    parser hangs the closing report on the last act (or on a clause of time after the
    first: "evacuated 200 residents this week, as shelling intensified, officials said"); it
    reports every act of the sentence before it.
    """
    for token in trigger.sent:
        if (
            token.i > trigger.i
            and token.pos_ in ("VERB", "AUX")
            and token.dep_ in _CLOSING_DEPS
            and token.lemma_.lower() in cues.reporting
            and _closing_report(token)
        ):
            yield from _report_finding(token, trigger, depth, cues)
            return


def _closing_report(verb: Token) -> bool:
    """Return True for "..., police and residents said (on Tuesday)." closing a sentence: a
    reporting verb with a subject of its own after a comma, and no verb after it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > verb.i:
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "cc", "mark") for c in verb.children):
        return False
    left, doc = subject.left_edge.i, verb.doc
    if left == 0 or doc[left - 1].text != ",":
        return False
    # nothing is said after it: "... said in a statement late on Tuesday."
    return not any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : verb.sent.end])


def _stranded_speaker(node: Token, verb: Token) -> Span | None:
    """Return the speaker the parser hung on an object as an apposition, if ``verb`` has none.

    "Police arrested 40 protesters, the provincial police commander, General X, told a news
    conference": "told" is parsed as a second act of the police and the commander as an
    apposition of "protesters". A reporting verb right after a comma, with no subject and
    no "and", follows such an apposition: the apposition is who speaks.
    """
    doc = node.doc
    if (
        any(c.dep_ in ("nsubj", "nsubjpass", "cc") for c in verb.children)
        or verb.i == 0
        or doc[verb.i - 1].text != ","
    ):
        return None
    between = [t for t in doc[node.i + 1 : verb.i] if t.dep_ == "appos"]
    if not between:
        return None
    left = min(t.i for t in between[0].subtree)
    return doc[left : verb.i - 1]  # "the mayor of Bangassou, Rose Ndakala", the comma left out


def _plans(verb: Token, below: Token, cues: CueLexicon) -> bool:
    """Return True if a future verb plans what is below it ("planned an attack", "set to strike").

    A phrasal verb ("set off a bomb", "go on strike") and a verb that plans only through a
    complement ("set", "go") governing an object or subject are no plan.
    """
    if below.dep_ == "xcomp":
        return True
    if any(c.dep_ == "prt" for c in verb.children):
        return False
    return verb.lemma_.lower() not in cues.future_complement_only


def _has_to(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and (
        any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.dep_ == "acl"
    )


def _report_finding(node: Token, below: Token, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield a reporting finding for a reporting verb (or "claimed responsibility")."""
    if node.lemma_.lower() in cues.responsibility_nouns:
        verb = node.head
        detail = _responsibility_class(verb, cues)
        if detail is not None:
            yield _finding(
                "report",
                depth,
                sorted((verb, node), key=lambda t: t.i),  # "responsibility ... was claimed"
                detail=detail,
                verb=verb,
                source=subject_span(verb, cues),
                complement=below,
                responsibility=True,
            )
        return
    lemma = node.lemma_.lower()
    if _is_passive(node) and not any(c.dep_ == "agent" for c in node.children):
        if lemma in cues.hedge_passive_verbs:
            yield _finding("hedge", depth, [node])
        return
    if below.lemma_.lower() in cues.responsibility_nouns:
        return  # already found at the noun
    yield _finding(
        "report",
        depth,
        [node],
        detail=cues.reporting[lemma],
        verb=node,
        source=subject_span(node, cues),
        complement=below,
    )


def _responsibility_class(verb: Token, cues: CueLexicon) -> str | None:
    """Return the class of "<verb> responsibility": claimed, took ... -> claim; denied -> denial."""
    lemma = verb.lemma_.lower()
    cls = cues.reporting.get(lemma)
    if cls in ("denial", "allegation"):
        return cls
    if cls is not None or lemma in cues.responsibility_verbs:
        return "claim"
    return None


def _according_findings(trigger: Token, path: list[_Step], cues: CueLexicon) -> Iterator[_Finding]:
    """Yield "according to X" / "citing X" anywhere in the sentence; off-path ones are outermost."""
    on_path = {step.node.i: depth for depth, step in enumerate(path)}
    for token in trigger.sent:
        phrase = _according_phrase(token, cues)
        if phrase is None:
            continue
        cue_tokens, source = phrase
        depth = on_path.get(token.head.i, len(path))
        yield _finding(
            "report", depth, cue_tokens, detail="neutral", source=source, complement=None
        )


def _according_phrase(token: Token, cues: CueLexicon) -> tuple[list[Token], Span] | None:
    low = token.lower_
    if low == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if to is not None and obj is not None and "according to" in cues.according_to:
            return [token, to], phrase_span(obj)
    elif low in cues.according_to and token.pos_ == "VERB":
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return [token], phrase_span(obj)
    return None


def _agent(report: _Finding, path: list[_Step], cues: CueLexicon) -> Token | bool | None:
    """Return the doer of the trigger's clause under a report: a token, True when it is the
    reporter left implicit ("denied shelling"), None when unknown or someone else's clause."""
    if report.complement is None or report.verb is None or report.assessor:
        return None
    start = 0  # from an inner reporting verb, if any: "Police said the suspects confessed ..."
    for k, step in enumerate(path):
        if k and step.node.i != report.verb.i and is_reporting_verb(step.node, cues):
            start = k
        if step.node.i == report.complement.i:
            break
    top = next((k for k, s in enumerate(path) if s.node.i == report.complement.i), len(path) - 1)
    if not start and any(s.opaque for s in path[: top + 1]):
        return None  # "saying all five were armed when they died": not the reported clause
    for step in path[start:]:
        node = step.node
        if node.pos_ in ("VERB", "AUX"):
            governs = step.below is not None and node.lemma_.lower() in cues.involvement_verbs
            doer = _clause_doer(node, governs=governs)
            if start and isinstance(doer, Token) and doer.pos_ == "PRON":
                return None  # "explosives that they said were meant for an attack"
            if doer is not None:
                return doer or None
        else:
            poss = next((c for c in node.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss
        if node.i == report.complement.i:
            return node.dep_ in ("xcomp", "pcomp", "dobj", "pobj") or node.tag_ == "VBG"
        if node.pos_ not in ("VERB", "AUX") and not _passes_doer_up(node, cues):
            return None
    return None


def _clause_doer(verb: Token, *, governs: bool) -> Token | bool | None:
    """Return a verb's subject (or "by" agent); False for an agentless passive; None: look up.

    With ``governs`` (an involvement verb above the trigger) the passive subject is the doer:
    "his unit was involved in the killings".
    """
    for child in verb.children:
        if child.dep_ == "nsubjpass" and governs:
            return child
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    for subject in aux_subjects(verb):  # "saying it had targeted": "it" under "had"
        if subject.dep_ == "nsubj":
            return subject
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return False
    return None


def _passes_doer_up(node: Token, cues: CueLexicon) -> bool:
    """Return True when a noun's doer is its governor's ("carried out an attack", "in an
    attack", "responsibility for"), not someone else's ("recorded 30 assassinations")."""
    if node.dep_ in ("pobj", "prep", "pcomp") or _is_transparent_noun(node, cues):
        return True
    verb = node.head  # the word form too: the lemmatiser makes "staged" "stag"
    return node.dep_ == "dobj" and bool({verb.lemma_.lower(), verb.lower_} & cues.support_verbs)


# --- decision -----------------------------------------------------------------------------------


def _findings(
    trigger: Token, cues: CueLexicon, carried: frozenset[str] = frozenset()
) -> tuple[list[_Finding], list[_Step]]:
    path = list(_path(trigger, cues))
    found: list[_Finding] = []
    for depth, step in enumerate(path):
        if _is_negated_claim(step, cues):
            continue  # "no group has claimed responsibility for the blast": nobody claims it
        assessed = _assessment_findings(step, depth, cues)
        if assessed is not None:  # "did not rule out an attack": its "not" is the speaker's
            markers = [f for f in _marker_findings(step, depth, cues) if f.category != "negation"]
            step_found = [*markers, *assessed, *_parenthetical_findings(step, depth, cues)]
        else:
            step_found = [
                *_marker_findings(step, depth, cues),
                *_governor_findings(step, depth, cues),
                *_parenthetical_findings(step, depth, cues),
            ]
        # "will not free the men", coded REJECT: the refusal itself; so is the "would" of
        # "there would be no negotiations", on the copula of the act
        if step.via == "self" or (depth == 1 and step.node.lemma_ == "be" and carried):
            step_found = [f for f in step_found if f.category not in carried]
        if step.opaque:  # "who had tried to move the sack before it exploded"
            # a present tense under a future keeps it: "will attack when the rebels arrive"
            keep = ("report", "future") if trigger.tag_ in ("VBP", "VBZ") else ("report",)
            step_found = [f for f in step_found if f.category in keep]
        found.extend(step_found)
    if not any(f.category == "report" for f in found):
        found.extend(_closing_findings(trigger, len(path), cues))
    found.extend(_according_findings(trigger, path, cues))
    found.extend(_colon_report(trigger, len(path) + 1, cues))
    rank = {c: i for i, c in enumerate(_PRIORITY)}
    found.sort(key=lambda f: (f.depth, rank[f.category], -f.cue_start))
    return found, path


def _assessment_findings(step: _Step, depth: int, cues: CueLexicon) -> list[_Finding] | None:
    """Return the findings of a verb that judges whether its object act happened, or None.

    "Police ruled out an attack" (``assessment_denials``): the police say there was none, a
    denial that is theirs but of no act of theirs (unlike "denied shelling"). "Did not rule
    out an attack": they hold it possible. Only the act that is the object itself: in
    "ruled out sabotage in the explosion" the explosion stands.
    """
    node, below = step.node, step.below
    if (
        depth != 1
        or below is None
        or below.dep_ != "dobj"
        or below.pos_ != "NOUN"
        or node.pos_ not in ("VERB", "AUX")
        or phrasal_lemma(node) not in cues.assessment_denials
    ):
        return None
    cue = sorted([node, *(c for c in node.children if c.dep_ == "prt")], key=lambda t: t.i)
    negation = [c for c in node.children if c.dep_ == "neg" and c.lower_ in cues.negation_words]
    report = _finding(
        "report",
        depth,
        cue,
        detail="neutral" if negation else "denial",
        verb=node,
        source=subject_span(node, cues),
        complement=below,
        assessor=True,
    )
    if negation:
        return [_finding("possibility", depth, [negation[0], *cue]), report]
    return [report]


def _is_negated_claim(step: _Step, cues: CueLexicon) -> bool:
    """Return True at a claim or denial cue that is negated ("has not claimed", "no group
    claimed", "did not deny", "neither claimed nor denied")."""
    node, below = step.node, step.below
    if below is None:
        return False
    verb = node.head if node.lemma_.lower() in cues.responsibility_nouns else node
    lemma = verb.lemma_.lower()
    claim_verb = cues.reporting.get(lemma) in ("claim", "denial") or (
        lemma in cues.responsibility_verbs
        and (node is not verb or below.lemma_.lower() in cues.responsibility_nouns)
    )
    if not claim_verb or verb.pos_ not in ("VERB", "AUX"):
        return False
    # "neither claimed nor denied responsibility": on the verb or on the first conjunct
    neither = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    if any(c.lower_ in ("neither", "nor") for v in neither for c in v.children):
        return True
    return any(
        (c.dep_ == "neg" and c.lower_ in cues.negation_words)
        or (c.dep_ == "nsubj" and _is_negative_argument(c, verb, cues))
        for c in verb.children
    )


def _colon_report(trigger: Token, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield the "Police said:" of the previous sentence, when the trigger's sentence is its quote."""
    sent = trigger.sent
    if sent.start == 0:
        return
    doc = trigger.doc
    last = doc[sent.start - 1]
    prev = last.sent
    verb = prev.root
    if last.text == ":" and verb.lemma_.lower() in cues.reporting:
        yield _verb_report(verb, depth, cues, source=subject_span(verb, cues))


def _verb_report(
    verb: Token,
    depth: int,
    cues: CueLexicon,
    *,
    source: Span | None,
    complement: Token | None = None,
) -> _Finding:
    """Return the report finding of a reporting verb whose source was found elsewhere."""
    return _finding(
        "report",
        depth,
        [verb],
        detail=cues.reporting[verb.lemma_.lower()],
        verb=verb,
        source=source,
        complement=complement,
    )


def _is_past_plan(finding: _Finding, reports: list[_Finding]) -> bool:
    """Return True for "had planned/intended to", or "was going to" not under a report."""
    verb = finding.verb
    if verb is None:
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if "had" in auxes:
        return True
    return finding.detail == "go" and bool(auxes & {"was", "were"}) and not reports


def _status_of(
    first: _Finding, outer: list[_Finding], self_report: bool, cues: CueLexicon
) -> EventStatus:
    """Return the status that the innermost status-bearing finding gives, in its context."""
    reports = [f for f in outer if f.category in ("report", "threat")]
    nearest = reports[0] if reports else None
    warned = (
        nearest is not None
        and nearest.verb is not None
        and (nearest.verb.lemma_.lower() in cues.warning_verbs)
    )
    cat = first.category
    if cat == "negation":
        return EventStatus.DENIED if reports else EventStatus.NEGATED
    if cat == "future" and _is_past_plan(first, reports):
        return EventStatus.ATTEMPTED  # "the men had planned to bomb ...": a plan that failed
    if (
        cat in ("future", "hypothetical")
        and warned
        and first.detail in ("will", "would", "'ll", "wo")
    ):
        return EventStatus.THREATENED
    if (
        cat == "hypothetical"
        and first.detail == "would"
        and nearest is not None
        and (nearest.verb is not None and nearest.verb.tag_ == "VBD" and first.depth <= 1)
    ):
        return EventStatus.FUTURE
    simple = {
        "conditional": EventStatus.HYPOTHETICAL,
        "counterfactual": EventStatus.NEGATED,
        "attempt": EventStatus.ATTEMPTED,
        "threat": EventStatus.THREATENED,
        "future": EventStatus.FUTURE,
        "hypothetical": EventStatus.HYPOTHETICAL,
        "possibility": EventStatus.HYPOTHETICAL,
        "hedge": EventStatus.ALLEGED,
    }
    if cat in simple:
        return simple[cat]
    if first.detail == "neutral" and self_report:
        return EventStatus.CLAIMED
    return cues.class_status[first.detail]


def _resolved_elsewhere(agent: Token, source: Span) -> bool:
    """Return whether the actors read the pronoun ``agent`` as someone other than the source.

    "Gunmen stormed the village. Residents said they burned houses": "they" is a mention of
    the gunmen, so the residents report the burning; they do not claim it. Any actor named
    in the source phrase counts as the source ("Ukraine's border guard service said it").
    """
    if agent.pos_ != "PRON" or source.root.lemma_.lower() in SPOKESPERSONS:
        return False  # "the group's spokesman said it ...": who speaks for a body claims for it
    actors = agent.doc._.actors or []
    doer = next(
        (a.id for a in actors if any(m.start <= agent.idx < m.end for m in a.mentions)), None
    )
    if doer is None:
        return False
    start, end = source.start_char, source.end_char
    speakers = {a.id for a in actors if any(m.start < end and start < m.end for m in a.mentions)}
    return doer not in speakers


def _attributions(
    sources: list[_Finding], path: list[_Step], cues: CueLexicon
) -> tuple[list[AttributionDraft], bool]:
    """Return the attribution chain (outermost first) and whether the innermost is self-report."""
    drafts: list[AttributionDraft] = []
    neutral: list[bool] = []  # whether each draft's cue only reports ("said", "according to")
    innermost_self = False
    for n, f in enumerate(sources):
        assert f.source is not None
        kind = source_kind(f.source, cues=cues)
        if kind == "unknown":  # "He said ...": the kind of whom "he" is
            antecedent = antecedent_source(f.source, cues)
            kind = source_kind(antecedent, cues=cues) if antecedent is not None else kind
        agent = _agent(f, path, cues)
        is_self = (agent is True and f.detail in ("claim", "denial")) or (
            isinstance(agent, Token)
            and not _resolved_elsewhere(agent, f.source)
            and is_self_reference(agent, f.source, kind, cues)
        )
        if is_self or f.category == "threat" or f.detail == "claim" or f.responsibility:
            kind = "perpetrator"
        if n == 0:
            innermost_self = bool(is_self)
        drafts.append(
            AttributionDraft(
                text=f.source.text,
                start=f.source.start_char,
                end=f.source.end_char,
                kind=kind,
                cue=f.cue,
                cue_start=f.cue_start,
                cue_end=f.cue_end,
            )
        )
        neutral.append(f.detail in ("neutral", None))
    drafts.reverse()
    neutral.reverse()
    # one speaker, once: the outer cue ("X claimed responsibility ..., saying ..."), unless
    # only the inner one says more than that it was said ("X said ... and denied that ...")
    merged: list[AttributionDraft] = []
    for i, d in enumerate(drafts):
        if merged and (d.start, d.end) == (merged[-1].start, merged[-1].end):
            if neutral[i - 1] and not neutral[i]:
                if merged[-1].kind == "perpetrator":  # the speaker's own forces: still its act
                    d.kind = "perpetrator"
                merged[-1] = d
            continue
        merged.append(d)
    drafts = merged
    for i, draft in enumerate(drafts):
        draft.parent = i - 1 if i else None
    return drafts, innermost_self


def analyse_trigger(
    trigger: Token, *, cues: CueLexicon | None = None, carried: frozenset[str] = frozenset()
) -> StatusDecision:
    """Return the status and the attribution chain of the event whose trigger head is ``trigger``.

    ``carried``: categories of markers on the trigger's own clause that the event's type
    already stands for ("negation" for "will not free the men", coded as a refusal), which
    therefore give it no status.
    """
    cues = cues or load_cues()
    found, path = _findings(trigger, cues, carried)
    sources = [f for f in found if f.category in ("report", "threat") and f.source is not None]
    drafts, self_report = _attributions(sources, path, cues)
    reasons = [f"{f.category}:{f.cue}@{f.cue_start}" for f in found]
    if not found:
        return StatusDecision(EventStatus.ASSERTED, drafts, ["no cue: stated by the outlet"])
    first = found[0]
    outer = [f for f in found if f is not first and f.depth >= first.depth]
    status = _status_of(first, outer, self_report, cues)
    if status == EventStatus.THREATENED and drafts:
        drafts[-1].kind = "perpetrator"  # who warns that it will attack speaks of its own act
    return StatusDecision(status, drafts, reasons)
