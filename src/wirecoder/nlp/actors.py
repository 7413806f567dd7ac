"""Actors: named entities and role-noun phrases normalised to canonical, document-level actors.

How an actor is found (the ``source`` field says which rule applied):

* ``dictionary``: a PERSON/ORG/NORP/GPE entity whose name is in the actor dictionary
  (countries, international organisations, known armed groups);
* ``ner``: a named entity absent from the dictionary; a group's kind comes from its last word
  ("Northern Brigades" -> armed_group), a person's sector and country from a title, a demonym
  or an apposition ("Portuguese President X", "a senior commander of the Y, X");
* ``role-noun``: a noun phrase headed by a role noun ("Nigerian soldiers", "tribal leaders");
  its country comes from a demonym, a country modifier or "X's", else from the document's
  dominant country (said in ``source``);
* ``anaphor``: pronouns and "the group" are added as mentions of the most recent compatible
  actor (recency rule: he/she -> last person; it/its and "the group" -> last organisation,
  group or state; they/them/their -> last plural actor, or the last armed one when "they"
  commits armed violence: "residents said they burned houses").

Name variants merge within a document: the same dictionary entry, the same country, a
person's surname ("Karim Haddad" = "Haddad"), and role phrases with the same head, country and
affiliation.

This module reads the document in order; the rules live beside it: :mod:`.actor_drafts`
(drafts, mentions, countries of tokens), :mod:`.actor_roles` (role nouns, organisations),
:mod:`.actor_people` (persons, nationality groups) and :mod:`.actor_anaphora`.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..ontology.loader import load_ontology
from ..records import Actor
from .actor_anaphora import (
    GROUP_ANAPHOR_KINDS,
    NAMED_ANAPHORS,
    WE_PRONOUNS,
    described_name,
    document_author,
    is_group_anaphor,
    person_nouns,
    resolve_anaphor,
    violent_lemmas,
)
from .actor_dictionary import ActorDictionary, NamedEntry, load_actor_dictionary
from .actor_drafts import MODIFIER_DEPS, Draft, DraftBook, noun_phrase
from .actor_people import People
from .actor_roles import RoleNouns
from .component import Component
from .cues import is_group_name
from .event_syntax import dateline_span
from .places import acts, region_word

__all__ = ["ActorComponent"]

log = logging.getLogger(__name__)

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


class ActorComponent(Component):
    """Build ``doc._.actors`` from entities and role-noun phrases (ids a1, a2, ...)."""

    name = "actors"
    reads = ("spacy", "entities", "places")
    writes = ("actors",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.dictionary = load_actor_dictionary(tuple(settings.actor_dictionaries))
        self.violent = violent_lemmas(load_ontology(settings.ontology))

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = _DocumentActors(doc, self.dictionary, self.violent).build()
        return doc


_THE = frozenset({"The ", "the "})
#: nouns of an apposition that make a name tagged as a person a group ("X, an armed group")
_GROUP_NOUNS = frozenset(
    {"group", "militia", "movement", "faction", "organisation", "organization", "gang"}
    | {"network", "front", "coalition", "alliance", "party", "outfit", "insurgency"}
)
#: words of such an apposition that make the group an armed one
_ARMED_WORDS = frozenset(
    {"armed", "militant", "rebel", "jihadist", "separatist", "insurgent", "militia", "gang"}
    | {"extremist", "criminal", "paramilitary", "guerrilla", "front", "insurgency"}
)


def _person_apposition(ent: Span) -> bool:
    """Return whether a name has one person's role in apposition ("X, a spokesman for Y",
    "a commander of the group, X")."""
    root = ent.root
    if ent[0].pos_ != "PROPN" or root.pos_ != "PROPN":
        return False
    people = person_nouns()
    roles = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
    if root.dep_ == "appos" and root.head.i < ent.start:
        roles.append(root.head)
    return any(c.tag_ == "NN" and c.lemma_.lower() in people for c in roles)


def _group_apposition(ent: Span) -> Token | None:
    """Return the group noun in apposition to a name ("Jabhat Sahil, an armed group"), if any."""
    root = ent.root
    candidates = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.pos_ == "NOUN":
        # "an armed group, Jabhat Sahil"; not "a commander of the Hawban Front, Abu Ammar":
        # the parser hangs the person's name on the group's
        candidates.append(root.head)
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].text == ",":
        # "members of X, an armed group that ...": the parser may hang the apposition on
        # "members"; it still follows the name
        candidates += [
            t
            for t in doc[ent.end + 1 : min(len(doc), ent.end + 5)]
            if t.dep_ == "appos" and t.head.i < ent.start
        ][:1]
    return next((c for c in candidates if c.lemma_.lower() in _GROUP_NOUNS), None)


def _spells(text: str, start: int, name: str) -> bool:
    """Return whether ``text`` spells ``name`` (any case) from ``start`` on."""
    return text[start : start + len(name)].casefold() == name.casefold()


def _armed_by_apposition(draft: Draft, group: Token) -> None:
    """Make ``draft`` an armed group when its apposition says so ("an armed group")."""
    if _ARMED_WORDS & {group.lemma_.lower(), *(c.lower_ for c in group.children)}:
        draft.kind, draft.sectors = "armed_group", ["REB"]


class _DocumentActors:
    """The actors of one document (state of one run; not shared between documents)."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary, violent: frozenset[str]) -> None:
        self.doc = doc
        self.violent = violent
        self.text = doc.text  # Doc.text joins every token: read it once
        self.d = dictionary
        self.book = DraftBook(doc, dictionary)
        self.roles = RoleNouns(self.book)
        self.people = People(self.book, self.roles)

    def build(self) -> list[Actor]:
        """Return the document's actors: entities first, then role nouns and anaphora."""
        ents = [e for e in self.doc.ents if e.label_ in ENTITY_LABELS]
        self.book.mark_countries(ents)
        # groups first: "X, UN secretary-general" needs the UN when X is read
        for ent in sorted(ents, key=lambda e: e.label_ == "PERSON"):
            self._from_entity(ent)
        for ent in self.doc.ents:  # "The Sagaing People's Shield said", tagged a work of art
            if ent.label_ not in ENTITY_LABELS and not self._part_of_a_known_name(ent):
                self._group_by_article(ent)  # "Los Cuervos Blancos", tagged a building
        quoted_we, owned = [], []
        for token in self.doc:
            if token.i in self.book.token_actor:
                continue
            if token.pos_ == "PRON" and token.lower_ in WE_PRONOUNS:
                quoted_we.append(token)  # its speaker often comes after the quotation
            elif token.pos_ == "PRON" or is_group_anaphor(token):
                resolve_anaphor(self.book, token, violent=self.violent)
                if token.i not in self.book.token_actor and token.lemma_ in NAMED_ANAPHORS:
                    self.roles.from_role_noun(token)  # no coalition named before: its own
            elif (author := document_author(self.book, token)) is not None:
                # "The statement warned ...": the group that issued it
                self.book.add_mention(author, token.left_edge.i, token.i + 1)
            elif (name := described_name(token)) is not None:
                # "the volunteer group Open Hands Relief": one mention of the named group
                draft = self.book.token_actor.get(name.root.i) or self.roles.organisation(name)
                self.book.add_mention(draft, token.left_edge.i, name.end)
            elif token.pos_ == "PROPN" and not token.ent_type_ and self._untagged_state(token):
                continue
            elif token.pos_ in ("NOUN", "PROPN") and self._owned_head(token):
                owned.append(token)  # "a member of the local council": the council first
            elif token.pos_ in ("NOUN", "PROPN"):
                self.roles.from_role_noun(token)
        for token in owned:
            if token.i not in self.book.token_actor:
                self.roles.from_role_noun(token)
        for token in quoted_we:
            resolve_anaphor(self.book, token, violent=self.violent)
        return self.book.finish()

    def _owned_head(self, token: Token) -> bool:
        """Return whether ``token`` is a generic head whose "of" phrase names its owner ("a
        member of the local council", "a unit of the army"): read after the owner is."""
        heads = self.d.generic_heads | self.d.collective_heads
        return token.lemma_.lower() in heads and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in token.children
        )

    # --- named entities -------------------------------------------------------------------------

    def _from_entity(self, ent: Span) -> None:
        book = self.book
        start, end = dateline_span(self.doc)
        if ent.label_ == "ORG" and ent.text.isupper() and start <= ent.start_char < end:
            return  # "GAO, Mali, Nov. 8 --": the dateline's place, tagged as a body
        if self._part_of_a_known_name(ent):
            return
        root = ent.root
        if (
            ent.label_ in ("NORP", "GPE")
            and root.dep_ in MODIFIER_DEPS
            and root.head.i not in range(ent.start, ent.end)
            and (
                self.roles.role_of(root.head) is not None
                or root.head.ent_type_ in ("PERSON", "ORG")
                or (root.head.ent_type_ == "NORP" and root.head.tag_ == "NNPS")  # "Iraqi Kurds"
            )
        ):
            return  # "Nigerian soldiers", "Iraq army": a modifier of another actor
        entry = self.d.lookup_name(ent.text)
        people = self.people.people_group(ent) if entry is None or entry.kind == "state" else None
        if people is not None:
            book.add_mention(people, ent.start, ent.end)
            return
        if entry is None and ent.label_ in ("NORP", "GPE") and ent.start in book.token_country:
            entry = self.d.lookup_name(book.country_name(book.token_country[ent.start]))
        if entry is not None:
            draft = self._entry_draft(entry)
        elif self._group_by_article(ent):
            return
        elif ent.label_ == "PERSON":
            if self._is_resolved_place(ent):
                return  # a town the tagger took for a person: the places component knows it
            group = _group_apposition(ent)
            if group is not None:  # "Jabhat Sahil, an armed group": a group tagged as a person
                draft = self.roles.organisation(ent)
                _armed_by_apposition(draft, group)
                draft.source = f"ner (a group by its apposition '{group.text}')"
                self._apposition_mention(draft, group)
            elif ent[0].lower_ == "the" and len(ent) > 1:
                # "The Liptako Vanguard claimed ...": a person's name takes no article
                draft = self.roles.organisation(ent)
                draft.source = "ner (a group by its article 'the')"
            else:
                draft = self.people.person(ent)
        elif ent.label_ == "ORG":
            if (len(ent) == 1 or region_word(ent[-1])) and self._is_resolved_place(ent):
                # "communications in much of Sagaing", "in Antioquia Department": a region
                # tagged as a body
                return
            if _person_apposition(ent) or ("person", ent[-1].lower_) in book.by_key:
                draft = self.people.person(ent)  # "Taras Hnatyuk, a spokesman", "Hnatyuk said"
            else:
                draft = self.roles.organisation(ent)
                group = _group_apposition(ent)
                if group is not None and draft.kind in ("organisation", "government"):
                    # "X, an armed group that operates ...", "the X Council, a militia"
                    _armed_by_apposition(draft, group)
                if group is not None:
                    self._apposition_mention(draft, group)
        elif ent[-1].lower_ in self.d.group_heads and not self._is_resolved_place(ent):
            draft = self.roles.organisation(ent)  # "The Liptako Vanguard", tagged as a place
        else:
            people = self.people.people(ent)
            if people is None:
                return
            draft = people
        book.add_mention(draft, ent.start, ent.end)

    def _apposition_mention(self, draft: Draft, group: Token) -> None:
        """Record the group noun in apposition to a name as a mention of the named group:
        "the X Council, a militia formed in 2021": the militia is the council, and "the
        group", "its" read later refer to it, not to a second, nameless militia."""
        if group.i in self.book.token_actor:
            return
        phrase = noun_phrase(group)
        self.book.add_mention(draft, phrase.start, phrase.end)

    def _group_by_article(self, ent: Span) -> bool:
        """Add a group named after a plural article, whatever the tagger called it ("Los
        Cuervos Blancos denied ...": a person, a place or a building), unless a place; and
        a "building" that acts ("banners signed by La Hermandad del Río", "La Hermandad
        warned ..."): a building signs nothing, so the name is a body's."""
        if self._is_resolved_place(ent):
            return False
        if not is_group_name(ent) and not (ent.label_ == "FAC" and acts(self.doc, ent)):
            return False
        draft = self.roles.organisation(ent)
        why = f"its article '{ent[0].text}'" if is_group_name(ent) else "what it does"
        draft.source = f"ner (a group by {why})"
        self.book.add_mention(draft, ent.start, ent.end)
        return True

    def _part_of_a_known_name(self, ent: Span) -> bool:
        """Add ``ent`` to an organisation named in full earlier, if it spells that name.

        The tagger sometimes tags a later mention of "the Sagaing People's Shield" as only
        "Sagaing" (or "Jabhat Sahil" as only "Sahil"), or as a work of art; the name was then
        an organisation of its own, or no actor (and "People" a role noun). When the text at
        the entity spells an organisation already read, in full, from the entity on or up to
        its end, the mention is that organisation's, whole.
        """
        text = self.text
        start = ent.start_char + (4 if text[ent.start_char : ent.start_char + 4] in _THE else 0)
        for draft in self.book.drafts:
            name, first = draft.name, self._first_group_mention(draft)
            if first is None:
                continue
            end = start + len(name)
            begin = ent.end_char - len(name)  # "Jabhat Sahil claimed ...", tagged only "Sahil"
            spans = []
            if end >= ent.end_char and first < ent.start_char and _spells(text, start, name):
                spans.append((ent.start_char, end))
            if (
                0 <= begin < ent.start_char
                and first < begin
                and _spells(text, begin, name)
                and (begin == 0 or not text[begin - 1].isalnum())
            ):
                spans.append((begin, ent.end_char))
            for span_start, span_end in spans:
                whole = self.doc.char_span(span_start, span_end, alignment_mode="expand")
                if whole is not None:
                    self.book.add_mention(draft, whole.start, whole.end)
                    return True
        return self._short_name(ent)

    def _short_name(self, ent: Span) -> bool:
        """Add an organisation named by the last words of one read before ("the United States
        Treasury ... The Treasury said"), when only one such organisation was read."""
        words = ent.text[4:] if ent.text[:4] in _THE else ent.text
        if ent.label_ != "ORG" or not words[:1].isupper() or len(words) < 4:
            return False
        suffix = " " + words.casefold()
        earlier = [
            d
            for d in self.book.drafts
            if (first := self._first_group_mention(d)) is not None
            and first < ent.start_char
            and d.name.casefold().endswith(suffix)
        ]
        if len(earlier) != 1:
            return False
        self.book.add_mention(earlier[0], ent.start, ent.end)
        return True

    @staticmethod
    def _first_group_mention(draft: Draft) -> int | None:
        """Return where a group-like actor was first named (a character offset), if it was."""
        if draft.kind not in GROUP_ANAPHOR_KINDS or not draft.mentions:
            return None
        return min(s for s, _ in draft.mentions)

    def _untagged_state(self, token: Token) -> bool:
        """Add a country the tagger missed ("Uzbekistan finally opened ..."); return if found."""
        entry = self.d.lookup_name(token.text)
        if entry is None or entry.kind != "state" or not token.text[:1].isupper():
            return False
        self.book.add_mention(self._entry_draft(entry), token.i, token.i + 1)
        return True

    def _entry_draft(self, entry: NamedEntry) -> Draft:
        """Return the actor of a dictionary entry (one per entry in a document)."""
        draft = self.book.draft(
            ("entry", entry.name),
            name=entry.name,
            kind=entry.kind,
            source=f"dictionary ({entry.origin})",
        )
        draft.country = draft.country or entry.country
        draft.code = entry.code
        draft.sectors = draft.sectors or list(entry.sectors)
        return draft

    def _is_resolved_place(self, ent: Span) -> bool:
        """Return whether the places component resolved this span to a place in a country."""
        return any(
            p.country and p.start <= ent.start_char and ent.end_char <= p.end
            for p in self.doc._.places or []
        )
