"""Events: PLOVER-coded clauses from the trigger lexicon and the dependency parse.

For each sentence a *coder* proposes candidates (a trigger token with a type, a mode and a
confidence). The shipped coder, :class:`LexiconCoder`, matches lemmas of verbs and eventive
nouns against ``ontology/data/triggers.jsonl`` (with required nearby lemmas such as the
particle of "call for" or the object of "open fire"). Another coder (a sentence-embedding
classifier, say) only has to implement :class:`EventCoder`.

Candidates are then folded along the parse:

* a *governing* trigger ("threaten", "demand", "refuse", "agree", "accuse") absorbs the events
  of its complement ("threatened to attack" is THREATEN, mode from ``complement_modes``);
  under ACCUSE the inner event is kept with a lower confidence;
* a noun trigger that is an argument of a verb trigger of the same type gives it its mode
  ("a suicide bomber attacked" -> ASSAULT suicide-attack); of another type, it is dropped;
* a cooperative act under "will/would" becomes AGREE, a negated one REJECT, a conflictual one
  under "will/would" THREATEN (``intent_types`` in ``plover.json``).

Clauses with no lexicon match yield no event: there is no default code.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..ontology.loader import Ontology, Trigger, load_ontology
from ..records import Actor, Argument, Counts, Event, Mention, TextSpan
from .component import Component

__all__ = ["Candidate", "EventCoder", "EventComponent", "LexiconCoder"]

log = logging.getLogger(__name__)

SKIP_POS = frozenset(
    {"DET", "PRON", "ADP", "PUNCT", "NUM", "CCONJ", "SCONJ", "PART", "SPACE", "SYM"}
)
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "pobj"})
SUBORDINATE_FACTOR = 0.85
OBLIGATION = frozenset({"must"})
MODALS = frozenset({"will", "would", "shall", "'ll", "could", "may", "might"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
RECIPIENT_PREPS = frozenset(
    {"with", "on", "against", "to", "at", "into", "toward", "towards", "upon", "in"}
)
NOUN_RECIPIENT_PREPS = frozenset({"on", "against", "with", "of", "to", "for"})
NESTED_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "dobj",
        "pobj",
        "prep",
        "acl",
        "pcomp",
        "relcl",
        "nsubj",
        "nsubjpass",
        "attr",
        "npadvmod",
        "compound",
        "amod",
        "oprd",
        "conj",
    }
)
SPEECH_LEMMAS = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "deny", "quote"}
)
KILL_LEMMAS = frozenset({"kill", "die", "slay", "massacre", "execute", "murder", "dead", "death"})
INJURE_LEMMAS = frozenset({"wound", "injure", "hurt", "maim", "injured", "wounded"})
ARREST_LEMMAS = frozenset({"arrest", "detain", "capture", "jail", "imprison", "apprehend", "round"})
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozens": 24,
    "dozen": 12,
    "hundreds": 200,
}


@dataclass
class Candidate:
    """A proposed event: a trigger token coded with a type, mode and confidence."""

    token: Token
    type: str
    confidence: float
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    reason: str = ""
    entry: Trigger | None = None
    extra_tokens: list[Token] = field(default_factory=list)  # the "fire" of "open fire"
    absorbed_by: Candidate | None = None
    complements: list[Candidate] = field(default_factory=list)
    obligation: bool = False  # "X said Y must ...": a request by the speaker to Y


class EventCoder(Protocol):
    """Proposes event candidates for one sentence."""

    def candidates(self, sent: Span) -> list[Candidate]: ...


class LexiconCoder:
    """Codes clauses by looking up trigger lemmas (with their dependency constraints)."""

    def __init__(self, ontology: Ontology) -> None:
        self.index = ontology.triggers_by_lemma()

    def candidates(self, sent: Span) -> list[Candidate]:
        out = []
        for token in sent:
            if token.pos_ in SKIP_POS:
                continue
            hit = self._match(token)
            if hit is not None:
                out.append(hit)
        return out

    def _match(self, token: Token) -> Candidate | None:
        lemma = token.lemma_.lower()
        entries = self.index.get(lemma) or self.index.get(token.lower_)
        if not entries:
            return None
        near: dict[str, Token] | None = None
        for entry in entries:
            if entry.pos and not _pos_fits(entry.pos, token):
                continue
            extra: list[Token] = []
            if entry.with_:
                near = near if near is not None else _neighbourhood(token)
                if not all(w in near for w in entry.with_):
                    continue
                extra = [near[w] for w in entry.with_]
            return Candidate(
                token=token,
                type=entry.type,
                confidence=entry.confidence,
                mode=entry.mode,
                contexts=list(entry.contexts),
                reason=f"lexicon {entry.origin} '{' '.join((entry.lemma, *entry.with_))}'",
                entry=entry,
                extra_tokens=extra,
            )
        return None


def _pos_fits(pos: str, token: Token) -> bool:
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.tag_ == "VBN")
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ == pos


def _neighbourhood(token: Token) -> dict[str, Token]:
    """Return lemma -> token for the children, grandchildren and head of ``token``."""
    near: dict[str, Token] = {}
    for child in token.children:
        near.setdefault(child.lemma_.lower(), child)
        near.setdefault(child.lower_, child)
        for grand in child.children:
            near.setdefault(grand.lemma_.lower(), grand)
            near.setdefault(grand.lower_, grand)
    if token.dep_ in ("compound", "amod", "nmod"):
        near.setdefault(token.head.lemma_.lower(), token.head)
    return near


# --- folding candidates along the parse ---------------------------------------------------------


def _nearest_candidate_above(token: Token, by_token: dict[int, Candidate]) -> Candidate | None:
    """Return the closest ancestor candidate reached through nested clauses/arguments."""
    node = token
    while node.head.i != node.i and node.dep_ in NESTED_DEPS:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return None  # a coordinated clause is a sibling, not a complement
        node = node.head
        if node.i in by_token:
            return by_token[node.i]
        if node.lemma_ in SPEECH_LEMMAS:
            return None  # "officials said the group attacked": the complement stands alone
    return None


def fold(cands: list[Candidate], ontology: Ontology) -> list[Candidate]:
    """Return the candidates that become events, after absorption and merging."""
    by_token = {c.token.i: c for c in cands}
    for cand in cands:
        above = _nearest_candidate_above(cand.token, by_token)
        if above is None or above is cand:
            continue
        if above.entry is not None and above.entry.governs:
            _absorb(above, cand, ontology)
        elif cand.token.dep_ != "conj" and (
            above.type == cand.type or cand.token.pos_ in ("NOUN", "PROPN")
        ):
            if above.type == cand.type and above.mode is None:
                above.mode = cand.mode
            above.confidence = max(
                above.confidence, cand.confidence if above.type == cand.type else 0
            )
            cand.absorbed_by = above
    kept = [c for c in cands if c.absorbed_by is None]
    for cand in kept:
        _apply_modality(cand, ontology)
        depth = _subordination(cand.token)
        if depth:  # the main clause carries the reported event; background clauses rank lower
            cand.confidence *= SUBORDINATE_FACTOR**depth
            cand.reason += f"; in a subordinate clause (x{SUBORDINATE_FACTOR**depth:.2f})"
    return kept


def _subordination(token: Token) -> int:
    """Return how many adverbial, relative or prepositional clauses enclose ``token``."""
    depth, node = 0, token
    while node.head.i != node.i:
        if node.dep_ in SUBORDINATE_DEPS:
            depth += 1
        node = node.head
    return depth


def _absorb(outer: Candidate, inner: Candidate, ontology: Ontology) -> None:
    table = ontology.complement_modes.get(outer.type, {})
    if outer.mode is None:
        outer.mode = table.get(inner.type, table.get("*"))
    outer.contexts += [c for c in inner.contexts if c not in outer.contexts]
    if outer.type == "ACCUSE":  # the alleged act is still reported; its status comes later
        inner.confidence *= 0.6
        inner.reason += f"; complement of '{outer.token.text}'"
    else:
        inner.absorbed_by = outer
        outer.complements.append(inner)
        outer.reason += f"; complement '{inner.token.text}' ({inner.type})"


def _apply_modality(cand: Candidate, ontology: Ontology) -> None:
    """Re-code intent and refusal: "will provide" -> AGREE, "will not accept" -> REJECT."""
    token = cand.token
    if token.pos_ not in ("VERB", "AUX"):
        return
    children = list(token.children)
    if cand.type != "REQUEST" and any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in children):
        table = ontology.complement_modes.get("REQUEST", {})
        cand.reason += f"; '{token.text}' under 'must' -> REQUEST"
        cand.mode = table.get(cand.type, table.get("*"))
        cand.type, cand.obligation = "REQUEST", True
        return
    negated = any(c.dep_ == "neg" for c in children)
    modal = any(c.dep_ == "aux" and c.lower_ in MODALS for c in children)
    quad = ontology.types[cand.type].quad
    new_type = None
    if negated and quad in (1, 2) and cand.type != "REJECT":
        new_type = ontology.intent_types.get("refusal")
    elif modal and quad in (1, 2) and cand.type != "AGREE":
        new_type = ontology.intent_types.get("cooperative")
    elif modal and not negated and cand.type in ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE"):
        new_type = ontology.intent_types.get("conflictual")
    if new_type and new_type != cand.type:
        table = ontology.complement_modes.get(new_type, {})
        cand.reason += f"; {'negated' if negated else 'modal'} {cand.type} -> {new_type}"
        cand.mode = table.get(cand.type, table.get("*")) if table else None
        cand.type = new_type


# --- arguments ------------------------------------------------------------------------------------


def _expand(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out and t.pos_ not in ("VERB", "AUX"):
                out.append(t)
    return out


def _relative_head(token: Token) -> Token:
    """Return the antecedent of a relative pronoun ("the group, which attacked")."""
    if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _verb_subjects(verb: Token) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return _expand(agents)
    if subj:
        return _expand(_relative_head(s) for s in subj)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _verb_subjects(verb.head)
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]
    return []


def _speaker(verb: Token) -> list[Token]:
    """Return the subject of the speech verb above ``verb`` ("X said Y must go" -> X)."""
    node = verb
    while node.head.i != node.i and node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl"):
        node = node.head
        if node.lemma_ in SPEECH_LEMMAS or node.dep_ == "ROOT":
            return _verb_subjects(node)
    return []


def _verb_objects(verb: Token) -> list[Token]:
    objs = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj", "dative")]
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in RECIPIENT_PREPS:
            objs += [p for p in prep.children if p.dep_ == "pobj"]
    if not objs and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objs = [verb.head]  # "soldiers wounded in the attack"
    return _expand(objs)


def _noun_arguments(noun: Token) -> tuple[list[Token], list[Token]]:
    actors = [
        c for c in noun.children if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN")
    ]
    recipients: list[Token] = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in NOUN_RECIPIENT_PREPS | {"by"}:
            pobjs = [p for p in prep.children if p.dep_ == "pobj"]
            (actors if prep.lower_ == "by" else recipients).extend(pobjs)
    head = noun.head
    if not actors and noun.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        actors = _verb_subjects(head)  # light verb: "staged a protest", "launched an attack"
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "with"):
                recipients += [p for p in prep.children if p.dep_ == "pobj"]
    return _expand(actors), _expand(recipients)


def arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    """Return (actor tokens, recipient tokens) of a candidate, from the dependency parse."""
    token = cand.token
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_arguments(token)
    if cand.obligation:
        return _speaker(token), _verb_subjects(token)
    actors, recipients = _verb_subjects(token), _verb_objects(token)
    if cand.entry is not None and cand.entry.inverse:
        givers = [
            p for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
        ]
        return _expand(givers), actors
    for extra in cand.extra_tokens:  # "opened fire on X": the object's own prepositions
        for prep in extra.children:
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                recipients += _expand(p for p in prep.children if p.dep_ == "pobj")
    recipients = [r for r in recipients if r not in cand.extra_tokens and r not in actors]
    if not recipients and cand.entry is not None and cand.entry.governs:
        # "demanded that the government end curbs": the one asked is the clause's subject
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        recipients = [s for c in clauses for s in _verb_subjects(c) if s not in actors]
    if not recipients:  # "threatened to attack X": X is the recipient of the threat
        for inner in cand.complements:
            recipients += [r for r in arguments(inner)[1] if r not in actors]
    return actors, recipients


# --- counts ---------------------------------------------------------------------------------------


def _number(token: Token) -> int | None:
    text = token.text.replace(",", "").lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def _quantity(noun: Token) -> int | None:
    if noun.pos_ == "NUM":
        return _number(noun)
    for child in noun.children:
        if child.dep_ == "nummod":
            value = _number(child)
            if value is not None:
                return value
    return None


def sentence_counts(sent: Span) -> Counts:
    """Return killed/injured/arrested counts stated in a sentence ("at least 12 were killed")."""
    counts = Counts()
    for tok in sent:
        lemma = tok.lemma_.lower()
        slot = (
            "killed"
            if lemma in KILL_LEMMAS
            else "injured"
            if lemma in INJURE_LEMMAS
            else "arrested"
            if lemma in ARREST_LEMMAS
            else None
        )
        if slot is None or getattr(counts, slot) is not None:
            continue
        patients = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
        if lemma in ("die", "dead") or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
            patients += [c for c in tok.children if c.dep_ == "nsubj"] + [tok.head]
        for patient in _expand(patients):
            value = _quantity(patient)
            if value is not None:
                setattr(counts, slot, value)
                break
    return counts


# --- the component --------------------------------------------------------------------------------


class EventComponent(Component):
    """Code events in every sentence into ``doc._.events`` (ids v1, v2, ...)."""

    name = "events"
    reads = ("spacy", "entities", "actors")
    writes = ("events",)

    def __init__(self, settings: Settings, *, coder: EventCoder | None = None) -> None:
        super().__init__(settings)
        self.ontology = load_ontology(settings.ontology)
        self.coder: EventCoder = coder or LexiconCoder(self.ontology)

    def __call__(self, doc: Doc) -> Doc:
        linker = _ActorLinker(doc, doc._.actors or [])
        events: list[Event] = []
        for sent in doc.sents:
            kept = fold(self.coder.candidates(sent), self.ontology)
            sent_events = [self._event(c, sent, linker) for c in kept]
            _attach_counts(sent_events, sentence_counts(sent))
            events += sent_events
        for n, event in enumerate(events, start=1):
            event.id = f"v{n}"
        doc._.events = events
        return doc

    def _event(self, cand: Candidate, sent: Span, linker: _ActorLinker) -> Event:
        actor_toks, recipient_toks = arguments(cand)
        actors = [linker.argument(t) for t in actor_toks]
        recipients = [linker.argument(t) for t in recipient_toks]
        confidence = cand.confidence * (1.0 if actors or recipients else 0.85)
        trigger = _trigger_span(cand)
        return Event(
            id="",
            type=cand.type,
            mode=cand.mode,
            trigger=TextSpan(trigger.text, trigger.start_char, trigger.end_char),
            sentence=Mention(sent.start_char, sent.end_char),
            contexts=list(dict.fromkeys(cand.contexts)),
            actor=actors,
            recipient=[
                r for r in recipients if r.actor is None or r.actor not in {a.actor for a in actors}
            ],
            codes=self.ontology.codes(cand.type, cand.mode),
            confidence=round(min(1.0, confidence), 3),
            reason=cand.reason,
        )


def _trigger_span(cand: Candidate) -> Span:
    tokens = [cand.token] + [t for t in cand.extra_tokens if abs(t.i - cand.token.i) <= 3]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    return cand.token.doc[start:end]


def _attach_counts(events: list[Event], counts: Counts) -> None:
    """Give the sentence's counts to the event they describe (violent, then coercive events)."""
    preferred = {"killed": "ASSAULT", "injured": "ASSAULT", "arrested": "COERCE"}
    for name, first_choice in preferred.items():
        value = getattr(counts, name)
        if value is None:
            continue
        target = next((e for e in events if e.type == first_choice), None) or next(
            (e for e in events if e.type in ("ASSAULT", "COERCE", "PROTEST")), None
        )
        if target is not None:
            target.counts = replace(target.counts, **{name: value})


_WS = re.compile(r"\s+")


class _ActorLinker:
    """Finds the actor whose mention covers an argument's head token."""

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self.doc = doc
        self.spans = sorted(
            ((m.start, m.end, a.id) for a in actors for m in a.mentions), key=lambda s: s[1] - s[0]
        )

    def argument(self, token: Token) -> Argument:
        phrase = _argument_phrase(token)
        actor = self._cover(token.idx, token.idx + len(token.text))
        if actor is None:
            actor = self._overlap(phrase.start_char, phrase.end_char)
        if actor is None:  # "a request by Belarus", "an offer from the US"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                    for pobj in prep.children:
                        actor = actor or self._overlap(
                            pobj.left_edge.idx, pobj.idx + len(pobj.text)
                        )
        return Argument(actor=actor, text=phrase.text, start=phrase.start_char, end=phrase.end_char)

    def _cover(self, start: int, end: int) -> str | None:
        return next((aid for s, e, aid in self.spans if s <= start and end <= e), None)

    def _overlap(self, start: int, end: int) -> str | None:
        return next((aid for s, e, aid in self.spans if s < end and start < e), None)


def _argument_phrase(token: Token) -> Span:
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ not in ("punct", "cc"):
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod"):
            end = max(end, child.right_edge.i + 1)
    return token.doc[start:end]
