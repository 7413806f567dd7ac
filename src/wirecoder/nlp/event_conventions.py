"""Linking arguments to the document's actors, and the PLOVER coding conventions.

PLOVER codes a target or a perpetrator even when the text names none: the state of the scene
is the target of an act with no recipient linked to an actor, and an attack with no actor at
all gets unidentified perpetrators (UAF) of the scene's country. The actors added that way say
so in their ``source`` (see docs/actors.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Argument, Event, Mention, Place
from .actor_drafts import after_dash
from .event_coder import Candidate
from .event_syntax import clause_verb, is_argument

__all__ = [
    "NAMED_GROUP_SOURCE",
    "UNKNOWN_PERPETRATOR_TYPES",
    "UNKNOWN_SOURCE",
    "ActorLinker",
    "filler_ids",
    "merge_touching",
    "prefer_linked",
    "state_recipient",
    "unknown_perpetrator",
    "without_unused_fillers",
]

SCENE_PREPS = frozenset({"in", "inside", "across", "throughout"})
# a resolved place after these, in the trigger's clause, is the scene of the event
SCENE_PLACE_PREPS = SCENE_PREPS | {"at", "near", "outside", "around"}
NAMED_STATE_SOURCE = (
    "state of the place named after the act (PLOVER convention: with no other target, the "
    "state concerned is the target)"
)
# attacks whose perpetrator the text does not name (PLOVER: unknown gunmen, UAF)
UNKNOWN_PERPETRATOR_TYPES = frozenset({"ASSAULT"})
UNKNOWN_SOURCE = (
    "no perpetrator named: unidentified perpetrators in the country of the scene "
    "(PLOVER convention, sector UAF)"
)
SCENE_SOURCE = (
    "scene of the event (PLOVER convention: the state where an act happens is its target)"
)
# verbs whose subject is a source, not a participant ("a spokeswoman for X said")
REPORTING_LEMMAS = frozenset({"say", "report", "tell", "add", "announce", "state", "quote"})
LINK_PREPS = frozenset({"by", "from", "of", "for", "to", "with", "against", "on", "between"})
NAMED_GROUP_SOURCE = (
    "event argument: 'the' and a capitalised name that no tagger or dictionary knows "
    "(a group named as the doer of an event)"
)


def unknown_perpetrator(
    cand: Candidate, sent: Span, trigger: Span, linker: ActorLinker
) -> list[Argument]:
    """Return unidentified attackers (UAF) in the scene's country for an attack with no actor.

    PLOVER codes "a roadside bomb near X killed two soldiers" with an unknown-gunmen actor of
    X's country. Only a resolved place where the act happens counts; the argument's text is
    the trigger, since nothing else in the text names the perpetrator.
    """
    scene = linker.scene_place(cand.token, sent)
    if scene is None or not scene.country:
        return []
    return [linker.unknown_actor(scene.country, trigger)]


def state_recipient(
    cand: Candidate, sent: Span, actors: list[Argument], linker: ActorLinker
) -> list[Argument]:
    """Return the state an act with no named recipient is aimed at (PLOVER convention).

    In order: a country after "in" ("opened an embassy in X"), a country or a resolved place
    where the act happens ("rioted in Kirkuk" -> Iraq), the first place named after the trigger
    in another country than the actor's ("agreed to send aid for X").
    """
    located = [linker.argument(t) for t in _located_recipients(cand.token)]
    located += [linker.argument(t) for t in _scene_countries(cand.token)]
    located = [r for r in located if r.actor and linker.is_state(r.actor)]
    if located:
        return located[:1]
    if (scene := linker.scene_place(cand.token, sent)) is not None:
        return [linker.scene_state(scene, source=SCENE_SOURCE)]
    if (named := linker.later_place(cand.token, sent, actors)) is not None:
        return [linker.scene_state(named, source=NAMED_STATE_SOURCE)]
    return []


def filler_ids(actors: Iterable[Actor]) -> frozenset[str]:
    """Return the ids of the unidentified-perpetrator fillers among ``actors``."""
    return frozenset(a.id for a in actors if a.source == UNKNOWN_SOURCE)


def without_unused_fillers(actors: list[Actor], events: list[Event]) -> list[Actor]:
    """Return the actors less the unidentified perpetrators no event has as its doer."""
    used = {a.actor for e in events for a in e.actor}
    fillers = filler_ids(actors)
    return [a for a in actors if a.id not in fillers or a.id in used]


def prefer_linked(args: list[Argument]) -> list[Argument]:
    """Return the arguments linked to an actor, or all of them when none is linked."""
    linked = [a for a in args if a.actor]
    return linked or args


def merge_touching(args: list[Argument], doc: Doc) -> list[Argument]:
    """Return the arguments with neighbours of one actor that touch merged into one.

    The parser can make each piece of "al-Zoubi" a subject of its own ("al", "-", "Zoubi"):
    one doer, not three. A phrase reached twice is kept once.
    """
    out: list[Argument] = []
    for arg in args:
        last = out[-1] if out else None
        if any((a.start, a.end) == (arg.start, arg.end) for a in out):
            continue  # one phrase reached twice ("ordered the market closed")
        touching = last is not None and 0 <= arg.start - last.end <= 1
        if touching and last is not None and arg.actor is not None and arg.actor == last.actor:
            span = doc.char_span(last.start, arg.end, alignment_mode="expand")
            text = span.text if span is not None else last.text + arg.text
            out[-1] = Argument(actor=arg.actor, text=text, start=last.start, end=arg.end)
        else:
            out.append(arg)
    return out


def _located_recipients(token: Token) -> list[Token]:
    """Return the countries or cities after "in" when the verb has an object.

    "sought refuge in X", "opened an embassy in X": X is who receives the act. Without an
    object ("arrested in X", "fought in X") the place is only where it happened.
    """
    if token.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "dobj" for c in token.children):
        return []
    return [
        p
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for p in prep.children
        if p.dep_ == "pobj" and p.ent_type_ == "GPE"
    ]


def _scene_countries(token: Token) -> list[Token]:
    """Return the countries where an act with no named target happens ("rioted in X").

    PLOVER codes the state of the scene as the target of such acts; only a country named in
    the clause counts (a city is a location, not a recipient).
    """
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    found = []
    for tok in verb.subtree:  # "parties in Nepal organized a strike", "a siege in Haiti"
        if (
            tok.dep_ == "pobj"
            and tok.ent_type_ == "GPE"
            and tok.head.lower_ in SCENE_PREPS
            and clause_verb(tok) == verb
        ):
            found.append(tok)
    return found


def _in_scene_phrase(token: Token, verb: Token) -> bool:
    """Return whether a place token is where ``verb`` happens: "rioted in X",
    "demonstrated in the northern city of X", "at a jail in X's capital Y"."""
    node, scene = token, False
    for _ in range(8):
        if node.dep_ in ("compound", "appos", "conj", "poss") and node.head.i != node.i:
            node = node.head  # "in X province", "in X, Iraq", "in X's capital"
        elif node.dep_ == "pobj" and node.head.lower_ in SCENE_PLACE_PREPS | {"of"}:
            scene = scene or node.head.lower_ != "of"
            node = node.head.head
        else:
            break
    return scene and clause_verb(node) == verb


def _in_attribution(token: Token, trigger: Token) -> bool:
    """Return whether a token belongs to the source of the report, not to the act
    ("..., a spokeswoman for the U.S. embassy said")."""
    for node in (token, *token.ancestors):
        if node.i == trigger.i:
            return False
        if node.dep_ == "nsubj" and node.head.lemma_.lower() in REPORTING_LEMMAS:
            return True
        if node.lower_ == "according":  # "according to a U.S. official"
            return True
    return False


class ActorLinker:
    """Finds the actor whose mention covers an argument's head token."""

    def __init__(
        self,
        doc: Doc,
        actors: list[Actor],
        places: list[Place],
        country_names: dict[str, str],
        group_kinds: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.doc = doc
        self.actors = actors  # the document's list: scene states are appended to it
        self.all_places = places
        self.places = [p for p in places if p.country]
        self.country_names = country_names
        # head word -> (kind, sector) of groups named by it ("Front", "Brigades", "Movement")
        self.group_kinds = group_kinds or {}
        self.spans = sorted(
            ((m.start, m.end, a.id) for a in actors for m in a.mentions), key=lambda s: s[1] - s[0]
        )
        self.states = {a.id for a in actors if a.kind == "state"}

    def is_state(self, actor_id: str) -> bool:
        return actor_id in self.states

    def is_unknown(self, actor_id: str | None) -> bool:
        """Return whether an actor is the unidentified perpetrators added by convention."""
        return any(a.id == actor_id and a.source == UNKNOWN_SOURCE for a in self.actors)

    def scene_place(self, token: Token, sent: Span) -> Place | None:
        """Return the resolved place after in/at/near where the trigger's clause happens."""
        verb = clause_verb(token)
        for place in self.places:
            if not sent.start_char <= place.start < sent.end_char:
                continue
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                continue
            if _in_scene_phrase(span.root, verb):
                return place
        return None

    def later_place(self, token: Token, sent: Span, actors: list[Argument]) -> Place | None:
        """Return the first place after the trigger in a country other than the actor's."""
        own = {a.country for a in self.actors if a.id in {x.actor for x in actors}}
        for place in self.places:
            if not token.idx < place.start < sent.end_char or place.country in own:
                continue
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None and not _in_attribution(span.root, token):
                return place
        return None

    def unknown_actor(self, country: str, trigger: Span) -> Argument:
        """Return an argument for unidentified perpetrators (UAF) of ``country``."""
        actor = next(
            (a for a in self.actors if a.source == UNKNOWN_SOURCE and a.country == country), None
        )
        if actor is None:
            actor = Actor(
                id=self._next_id(),
                name="unidentified perpetrators",
                kind="unknown",
                country=country,
                sectors=["UAF"],
                source=UNKNOWN_SOURCE,
            )
            self.actors.append(actor)
        return Argument(
            actor=actor.id, text=trigger.text, start=trigger.start_char, end=trigger.end_char
        )

    def _next_id(self) -> str:
        numbers = [int(a.id[1:]) for a in self.actors if a.id[1:].isdigit()]
        return f"a{max(numbers, default=0) + 1}"

    def scene_state(self, place: Place, *, source: str) -> Argument:
        """Return the state of the place's country as the recipient (PLOVER convention).

        The document's actor for that state is used when there is one; otherwise an actor is
        added, whose ``source`` says why. The argument's text is the place mention.
        """
        code = place.country or ""
        actor = next((a for a in self.actors if a.kind == "state" and a.country == code), None)
        if actor is None:
            actor = Actor(
                id=self._next_id(),
                name=self.country_names.get(code, code),
                kind="state",
                country=code,
                mentions=[Mention(place.start, place.end)],
                source=source,
            )
            self.actors.append(actor)
            self.states.add(actor.id)
        return Argument(actor=actor.id, text=place.text, start=place.start, end=place.end)

    def argument(self, token: Token, *, doer: bool = False) -> Argument:
        """Return the argument headed by ``token``, linked to the actor it mentions.

        A doer ("the Extraditables claimed the bombing") named only by "the" and capitalised
        words becomes an actor of its own (``_named_group``); a target so named may be a
        building ("the Grand Hotel") and stays unlinked.
        """
        phrase = _argument_phrase(token)
        actor = self._cover(token.idx, token.idx + len(token.text))
        if actor is None and doer:  # "the Extraditables", "the Mavuno Sentinels" (not Mavuno)
            actor = self._named_group(token, phrase)
        if actor is None:
            actor = self._overlap(phrase.start_char, phrase.end_char)
        if actor is None:  # "a request by Belarus", "aid for X", "70 tons of aid for X"
            actor = self._through_prepositions(token, depth=2)
        return Argument(actor=actor, text=phrase.text, start=phrase.start_char, end=phrase.end_char)

    def _named_group(self, token: Token, phrase: Span) -> str | None:
        """Return an actor for a group named by "the" and capitalised words nothing tagged.

        The small model misses many group names ("the Extraditables claimed the bombing",
        "the Shining Path set fire to a bus"), or tags only a place-like word inside one
        ("Mavuno" in "the Mavuno Sentinels", which is then no state), or gives one a label
        no actor is made from ("The Night Shepherds": a work of art). The article keeps out
        persons and the capitalised first word of a sentence; a head word tagged as a person,
        organisation, nationality or place, or inside a resolved place, is left to the
        components that read them. The group's kind comes from its last word when that is a
        group word ("the Red Dawn Front": an armed group), else it is an organisation; its
        country is not guessed.
        """
        words = [t for t in phrase if not t.is_punct]
        if (
            len(words) < 2
            or words[0].lower_ != "the"
            or token.pos_ != "PROPN"
            or token.ent_type_ in _ACTOR_AND_PLACE_LABELS
            or not all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in words[1:])
            or any(p.start <= token.idx < p.end for p in self.all_places)
        ):
            return None
        name = phrase.text[len(words[0].text) :].strip()
        known = next(
            (a for a in self.actors if a.source == NAMED_GROUP_SOURCE and a.name == name), None
        )
        if known is None:
            kind, sector = self.group_kinds.get(token.lower_, ("organisation", None))
            known = Actor(
                id=self._next_id(),
                name=name,
                kind=kind,
                sectors=[sector] if sector else [],
                source=NAMED_GROUP_SOURCE,
            )
            self.actors.append(known)
        known.mentions.append(Mention(phrase.start_char, phrase.end_char))
        self.spans.append((phrase.start_char, phrase.end_char, known.id))
        return known.id

    def _through_prepositions(self, token: Token, *, depth: int) -> str | None:
        # "crimes committed by X", "a rally staged by X": the reduced clause's agent
        agents = [a for c in token.children if c.dep_ == "acl" for a in c.children]
        for prep in [*token.children, *agents]:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in LINK_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or not is_argument(pobj):
                    continue
                actor = self._overlap(pobj.left_edge.idx, pobj.idx + len(pobj.text))
                if actor is None and depth > 1:
                    actor = self._through_prepositions(pobj, depth=depth - 1)
                if actor is not None:
                    return actor
        return None

    def names(self, token: Token, actor: str) -> bool:
        """Return whether ``token`` itself is a mention of ``actor`` (not a word beside it)."""
        return self._cover(token.idx, token.idx + len(token.text)) == actor

    def _cover(self, start: int, end: int) -> str | None:
        return next((aid for s, e, aid in self.spans if s <= start and end <= e), None)

    def _overlap(self, start: int, end: int) -> str | None:
        """Return the leftmost actor mentioned in the span ("the Turkish and Greek sides")."""
        hits = [(s, aid) for s, e, aid in self.spans if s < end and start < e]
        return min(hits)[1] if hits else None


#: labels whose spans the actor and place components read: not a group this rule may name
_ACTOR_AND_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
#: lower-case words inside a group's name: "the Army of National Liberation"
_NAME_JOINERS = frozenset({"of", "for", "and", "de", "del", "al", "el", "-"})


def _argument_phrase(token: Token) -> Span:
    start, end = token.i, token.i + 1
    for child in token.lefts:
        if child.dep_ not in ("punct", "cc", "prep"):  # "according to witnesses, live rounds"
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod"):
            end = max(end, child.right_edge.i + 1)
    return token.doc[after_dash(token.doc, start, token.i) : end]
