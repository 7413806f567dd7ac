"""The actors of one document while it is read: drafts, mentions and the countries of tokens.

:class:`DraftBook` is shared by the readers of :mod:`.actors` (role nouns, people, anaphora):
it keeps the drafts (one per merge key), which token belongs to which actor and to which
country, and turns the drafts into :class:`Actor` records at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Mention
from .actor_dictionary import ActorDictionary

__all__ = [
    "DASHES",
    "INTERNATIONAL_CODES",
    "MODIFIER_DEPS",
    "Draft",
    "DraftBook",
    "after_dash",
    "noun_phrase",
]

MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
INTERNATIONAL_CODES = frozenset({"IGO", "NGO"})


@dataclass(eq=False)
class Draft:
    """An actor while the document is read; becomes an :class:`Actor` at the end."""

    name: str
    kind: str
    key: tuple[str, ...]
    source: str
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    affiliation: Draft | None = None
    plural: bool = False
    code: str | None = None


class DraftBook:
    """The drafts of one document and what its tokens are (one run; not shared between documents)."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.d = dictionary
        self.drafts: list[Draft] = []
        self.by_key: dict[tuple[str, ...], Draft] = {}
        self.token_actor: dict[int, Draft] = {}
        self.token_country: dict[int, str] = {}
        self.dominant: str | None = None

    # --- drafts ---------------------------------------------------------------------------------

    def draft(self, key: tuple[str, ...], *, name: str, kind: str, source: str) -> Draft:
        """Return the draft of ``key``, made with these fields if it is new."""
        draft = self.by_key.get(key)
        if draft is None:
            draft = Draft(name=name, kind=kind, key=key, source=source)
            self.by_key[key] = draft
            self.drafts.append(draft)
        return draft

    def add_mention(self, draft: Draft, start: int, end: int) -> None:
        """Record tokens start..end (token indices) as a mention of ``draft``."""
        span = self.doc[start:end]
        if (span.start_char, span.end_char) not in draft.mentions:
            draft.mentions.append((span.start_char, span.end_char))
        for i in range(start, end):
            self.token_actor.setdefault(i, draft)

    def last(self, accept: Callable[[Draft], bool], token: Token) -> Draft | None:
        """Return the accepted draft mentioned last before ``token``."""
        best: tuple[int, Draft] | None = None
        for draft in self.drafts:
            if not accept(draft):
                continue
            before = [s for s, _ in draft.mentions if s < token.idx]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), draft)
        return best[1] if best else None

    def covering(self, token: Token) -> Draft | None:
        """Return the draft with a mention that covers ``token``, if any."""
        return next(
            (d for d in self.drafts if any(s <= token.idx < e for s, e in d.mentions)), None
        )

    def finish(self) -> list[Actor]:
        """Return the mentioned drafts as actors a1, a2, ... in order of first mention."""
        live = [d for d in self.drafts if d.mentions]
        live.sort(key=lambda d: min(s for s, _ in d.mentions))
        text = self.doc.text  # Doc.text joins every token: read it once
        ids = {id(d): f"a{n}" for n, d in enumerate(live, start=1)}
        actors = []
        for draft in live:
            mentions = sorted(set(draft.mentions))
            texts = {text[s:e] for s, e in mentions}
            affiliation = ids.get(id(draft.affiliation)) if draft.affiliation else None
            actors.append(
                Actor(
                    id=ids[id(draft)],
                    name=draft.name,
                    kind=draft.kind,
                    country=draft.country,
                    sectors=list(dict.fromkeys(draft.sectors)),
                    mentions=[Mention(s, e) for s, e in mentions],
                    aliases=sorted(t for t in texts if t != draft.name),
                    affiliation=affiliation,
                    source=draft.source,
                )
            )
        return actors

    # --- countries ------------------------------------------------------------------------------

    def mark_countries(self, ents: list[Span]) -> None:
        """Fill ``token_country`` (names, demonyms, resolved places) and find the dominant one."""
        for ent in ents:
            code = self.country_of_text(ent.text)
            if code:
                for tok in ent:
                    self.token_country[tok.i] = code
        # toponyms the places component resolved ("Tal Afar" -> IRQ) give their country, over
        # the dictionary's capitals: "TRIPOLI, Lebanon" is not Libya's capital
        for place in self.doc._.places or []:
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if place.country and span is not None:
                for tok in span:
                    self.token_country[tok.i] = place.country
        self.dominant = self._dominant_country()

    def country_of_text(self, text: str) -> str | None:
        entry = self.d.lookup_name(text)
        if entry is not None and entry.kind == "state":
            return entry.country
        text = text.removeprefix("the ").strip()
        first = text.split()[0] if text else ""  # "Bosnian Serbs", "Iraqi Kurds"
        return self.d.demonym(text) or self.d.demonym(first) or self.d.city_country(text)

    def state_name(self, text: str) -> str | None:
        entry = self.d.lookup_name(text)
        return entry.country if entry is not None and entry.kind == "state" else None

    def country_name(self, code: str) -> str:
        return self.d.country_names.get(code, code)

    def _dominant_country(self) -> str | None:
        counts = Counter(
            self.token_country[i]
            for i in sorted(self.token_country)
            if i == 0 or self.token_country.get(i - 1) != self.token_country[i]
        )
        return counts.most_common(1)[0][0] if counts else None

    def modifier_country(self, token: Token) -> tuple[str | None, str]:
        """Return the country given by the token's modifiers, and how it was found."""
        siblings = list(token.head.children) if token.dep_ == "compound" else []
        for child in [*token.children, *siblings]:
            if child.dep_ in MODIFIER_DEPS | {"poss"} and child.i in self.token_country:
                return self.token_country[child.i], "modifier"
            if child.dep_ in MODIFIER_DEPS and (code := self.d.demonym(child.text)):
                return code, "demonym"
            if child.dep_ in MODIFIER_DEPS and child.lemma_ == "lead":  # "Vietnamese-led forces"
                for leader in child.children:
                    if leader.i in self.token_country:
                        return self.token_country[leader.i], f"'{leader.text}-led'"
        compounds = [c for c in token.lefts if c.dep_ == "compound"]
        for compound in compounds:  # "Turkish Kurd refugees": the demonym of the modifier
            for grand in compound.children:
                if grand.dep_ in MODIFIER_DEPS and (code := self.d.demonym(grand.text)):
                    return code, f"'{grand.text} {compound.text}'"
        if compounds:  # "Ivory Coast rebels" when the tagger saw no place name
            name = self.doc[compounds[0].left_edge.i : token.i].text
            entry = self.d.lookup_name(name) if " " in name else None
            if entry is not None and entry.kind == "state" and entry.country:
                return entry.country, f"'{name}'"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.token_country:
                        return self.token_country[pobj.i], f"'{child.lower_} {pobj.text}'"
        return None, ""

    def of_country(self, root: Token, *, preps: tuple[str, ...] = ("of", "from")) -> str | None:
        """Return the country of "of/from X" after a name ("King X of Morocco")."""
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.token_country:
                        return self.token_country[pobj.i]
        return None

    def residence(self, root: Token, *, exclude: str) -> str | None:
        """Return the country an ethnic group lives in: "in X", else the text's other country."""
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for pobj in prep.subtree:
                    code = self.token_country.get(pobj.i) or self.d.city_country(pobj.text)
                    if code and code != exclude:
                        return code
        sent = root.sent
        others = Counter(
            c for i, c in self.token_country.items() if sent.start <= i < sent.end and c != exclude
        )
        return others.most_common(1)[0][0] if others else None

    def scene_country(self, token: Token) -> str | None:
        """Return the country of the first place after "in/at/near" in the token's sentence."""
        for tok in token.sent:
            if (
                tok.dep_ == "pobj"
                and tok.head.lower_ in ("in", "at", "near", "inside")
                and tok.ent_type_ in ("GPE", "LOC", "FAC")
            ):
                ent_start = tok.i
                while ent_start > token.sent.start and self.doc[ent_start - 1].ent_iob_ == "I":
                    ent_start -= 1
                code = self.token_country.get(tok.i) or self.token_country.get(ent_start)
                if code:
                    return code
        return None


#: A dash standing between spaces ends what comes before it: "April 9, 2025 - Four people".
DASHES = frozenset({"-", "--", "—", "–"})


def after_dash(doc: Doc, start: int, head: int) -> int:
    """Return ``start`` moved past the last spaced dash before token ``head``, if any.

    A phrase never reaches back over a dash set off by spaces: the parser sometimes hangs a
    dateline's year ("KIRKUK, Iraq, April 9, 2025 - Four people were killed") or a headline
    on the first noun of the text.
    """
    for k in range(head - 1, start - 1, -1):
        if doc[k].text in DASHES and doc[k].whitespace_ and k > 0 and doc[k - 1].whitespace_:
            return k + 1
    return start


def noun_phrase(token: Token) -> Span:
    """Return the noun phrase of a head noun without its clauses and prepositional phrases."""
    start = token.i
    for child in token.lefts:
        if child.dep_ not in ("punct", "cc", "appos", "prep"):
            start = min(start, child.left_edge.i)
    start = after_dash(token.doc, start, token.i)
    words = token.doc[start : token.i + 1]
    if start > 0 and token.doc[start - 1].is_quote and sum(t.is_quote for t in words) % 2:
        start -= 1  # '“terrorist” fighters': the quotation the phrase closes opens before it
    return token.doc[start : token.i + 1]
