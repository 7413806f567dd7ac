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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..records import EventStatus
from .cues import CueLexicon, load_cues
from .sources import is_self_reference, phrase_span, source_kind, subject_span

__all__ = [
    "AUTHORITY_SOURCE_KINDS",
    "SOURCE_KINDS",
    "STATUS_TO_MUC_CONFIDENCE",
    "STATUS_TO_MUC_STAGE",
    "AttributionDraft",
    "StatusDecision",
    "analyse_trigger",
    "muc_confidence",
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
    EventStatus.FUTURE: "POSSIBLE",
    EventStatus.ATTEMPTED: "REPORTED AS FACT",
    EventStatus.THREATENED: "POSSIBLE",
}
#: Statuses whose MUC-4 confidence becomes "SUSPECTED OR ACCUSED BY AUTHORITIES" when an
#: official is the source.
_AUTHORITY_STATUSES = frozenset({EventStatus.REPORTED, EventStatus.ALLEGED, EventStatus.DENIED})
#: MUC-4 stage of execution of each status.
STATUS_TO_MUC_STAGE: dict[str, str] = {
    status: {"attempted": "ATTEMPTED", "threatened": "THREATENED"}.get(status, "ACCOMPLISHED")
    for status in EventStatus
}


def muc_confidence(status: str, *, source_kinds: Iterable[str] = ()) -> str:
    """Return the MUC-4 perpetrator confidence of a status, given its sources' kinds."""
    if status in _AUTHORITY_STATUSES and AUTHORITY_SOURCE_KINDS & set(source_kinds):
        return "SUSPECTED OR ACCUSED BY AUTHORITIES"
    return STATUS_TO_MUC_CONFIDENCE[status]


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


@dataclass(slots=True)
class _Step:
    node: Token
    via: str  # "self", "clausal", "conj" or "nominal": which of its cues reach the trigger
    below: Token | None  # the path node under it


def _path(trigger: Token, cues: CueLexicon) -> Iterator[_Step]:
    """Yield the trigger and its governors, up to where a cue can no longer reach it."""
    yield _Step(trigger, "self", None)
    child = trigger
    while child.head.i != child.i:
        head, dep = child.head, child.dep_
        if dep in _STOP:
            return
        # an event inside a noun's modifier keeps the attribution of the clause, not its modality
        modifier = dep in ("acl", "relcl") and not _is_transparent_noun(head, cues)
        via = "clausal" if dep in _CLAUSAL else "conj" if dep == "conj" else "nominal"
        via = "nominal" if modifier else via
        yield _Step(head, via, child)
        child = head


def _is_transparent_noun(token: Token, cues: CueLexicon) -> bool:
    lemma = token.lemma_.lower()
    return (
        lemma in cues.transparent_nouns
        or lemma in cues.attempt_nouns
        or lemma in cues.threat_nouns
        or lemma in cues.responsibility_nouns
    )


def _finding(category: str, depth: int, tokens: list[Token], **kw: object) -> _Finding:
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = tokens[0].doc.text[start:end]
    return _Finding(category, depth, start, end, text, **kw)  # type: ignore[arg-type]


def _marker_findings(step: _Step, depth: int, cues: CueLexicon) -> Iterator[_Finding]:
    """Yield the negation/modal/conditional/hedge markers on one path node."""
    node, via = step.node, step.via
    clausal = via in ("self", "clausal")
    for child in node.children:
        low, dep = child.lower_, child.dep_
        if clausal and dep == "neg" and low in cues.negation_words:
            yield _finding("negation", depth, [child])
        elif clausal and dep == "mark" and low in cues.conditional_marks:
            yield _finding("conditional", depth, [child])
        elif (
            clausal
            and dep == "mark"
            and low in cues.counterfactual_marks
            and _has_modal(node, cues)
        ):
            yield _finding("counterfactual", depth, [child])
        elif via != "nominal" and dep == "aux" and low in cues.future_modals:
            yield _finding("future", depth, [child], detail=low)
        elif via != "nominal" and dep == "aux" and low in cues.hypothetical_modals:
            yield _finding("hypothetical", depth, [child], detail=low)
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


def _has_modal(node: Token, cues: CueLexicon) -> bool:
    modals = cues.hypothetical_modals | cues.future_modals
    return any(c.dep_ == "aux" and c.lower_ in modals for c in node.children)


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
    if below is None:
        return
    lemma = node.lemma_.lower()
    verbal = node.pos_ in ("VERB", "AUX")
    if (lemma in cues.reporting and verbal) or (
        lemma in cues.responsibility_nouns and node.dep_ == "dobj"
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
    elif lemma in cues.future_verbs and step.via == "clausal":
        yield _finding("future", depth, [node], detail=lemma)
    elif lemma == "be" and cues.future_be_to and below.dep_ == "xcomp" and _has_to(below):
        yield _finding("future", depth, [node], detail="be to")


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
        if verb.lemma_.lower() in cues.reporting:
            yield _finding(
                "report",
                depth,
                [verb, node],
                detail="claim",
                verb=verb,
                source=subject_span(verb, cues),
                complement=below,
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
    """Return the doer of the reported clause, True when it is left implicit, None if unknown."""
    if report.complement is None or report.verb is None:
        return None
    node: Token = report.complement
    steps = {s.node.i: s for s in path}
    while _is_transparent_noun(node, cues) or node.lower_ in ("of", "for", "in", "that"):
        below = steps[node.i].below if node.i in steps else None
        if below is None:
            break
        node = below
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    if subject is None and node.dep_ == "conj":
        subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    poss = next((c for c in node.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    return node.dep_ in ("xcomp", "pcomp", "dobj", "pobj") or node.tag_ == "VBG"


# --- decision -----------------------------------------------------------------------------------


def _findings(trigger: Token, cues: CueLexicon) -> tuple[list[_Finding], list[_Step]]:
    path = list(_path(trigger, cues))
    found: list[_Finding] = []
    for depth, step in enumerate(path):
        found.extend(_marker_findings(step, depth, cues))
        found.extend(_governor_findings(step, depth, cues))
    found.extend(_according_findings(trigger, path, cues))
    found.extend(_colon_report(trigger, len(path) + 1, cues))
    rank = {c: i for i, c in enumerate(_PRIORITY)}
    found.sort(key=lambda f: (f.depth, rank[f.category], -f.cue_start))
    return found, path


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
        yield _finding(
            "report",
            depth,
            [verb],
            detail=cues.reporting[verb.lemma_.lower()],
            verb=verb,
            source=subject_span(verb, cues),
        )


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


def _attributions(
    sources: list[_Finding], path: list[_Step], cues: CueLexicon
) -> tuple[list[AttributionDraft], bool]:
    """Return the attribution chain (outermost first) and whether the innermost is self-report."""
    drafts: list[AttributionDraft] = []
    innermost_self = False
    for n, f in enumerate(sources):
        assert f.source is not None
        kind = source_kind(f.source, cues=cues)
        agent = _agent(f, path, cues)
        is_self = (agent is True and f.detail in ("claim", "denial")) or (
            isinstance(agent, Token) and is_self_reference(agent, f.source, kind, cues)
        )
        if is_self or f.category == "threat" or f.detail == "claim":
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
    drafts.reverse()
    for i, draft in enumerate(drafts):
        draft.parent = i - 1 if i else None
    return drafts, innermost_self


def analyse_trigger(trigger: Token, *, cues: CueLexicon | None = None) -> StatusDecision:
    """Return the status and the attribution chain of the event whose trigger head is ``trigger``."""
    cues = cues or load_cues()
    found, path = _findings(trigger, cues)
    sources = [f for f in found if f.category in ("report", "threat") and f.source is not None]
    drafts, self_report = _attributions(sources, path, cues)
    reasons = [f"{f.category}:{f.cue}@{f.cue_start}" for f in found]
    if not found:
        return StatusDecision(EventStatus.ASSERTED, drafts, ["no cue: stated by the outlet"])
    first = found[0]
    outer = [f for f in found if f is not first and f.depth >= first.depth]
    status = _status_of(first, outer, self_report, cues)
    return StatusDecision(status, drafts, reasons)
