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
  group or state; they/them/their -> last plural actor).

Name variants merge within a document: the same dictionary entry, the same country, a
person's surname ("Karim Haddad" = "Haddad"), and role phrases with the same head, country and
affiliation.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import Settings
from ..records import Actor, Mention
from .actor_dictionary import ActorDictionary, NamedEntry, RoleNoun, load_actor_dictionary
from .component import Component

__all__ = ["ActorComponent"]

log = logging.getLogger(__name__)

ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
GROUP_KINDS = frozenset(
    {
        "organisation",
        "armed_group",
        "party",
        "igo",
        "ngo",
        "media",
        "government",
        "military",
        "police",
        "state",
    }
)
GROUP_ANAPHOR_KINDS = frozenset({"organisation", "armed_group", "party", "igo", "ngo", "media"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_ANAPHORS = frozenset(
    {"group", "organisation", "organization", "movement", "faction", "militia"}
)
# an adjective after "it is" that makes "it" an agent, not an expletive: "it is willing to"
STANCE_ADJECTIVES = frozenset(
    {"willing", "ready", "prepared", "determined", "committed", "opposed", "able", "keen"}
    | {"eager", "unwilling", "reluctant", "happy", "open"}
)
# vehicles and equipment take the role of their modifier: "army bulldozers" -> MIL
EQUIPMENT_HEADS = frozenset(
    {"bulldozer", "helicopter", "jet", "plane", "aircraft", "warplane", "tank", "ship"}
    | {"warship", "boat", "gunboat", "vehicle", "convoy", "drone", "artillery", "battery"}
)
FORMER_WORDS = frozenset({"former", "ex", "ousted", "exiled", "retired"})
INTERNATIONAL_CODES = frozenset({"IGO", "NGO"})
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "appos", "conj", "agent"}
)


@dataclass(eq=False)
class _Draft:
    """An actor while the document is read; becomes an :class:`Actor` at the end."""

    name: str
    kind: str
    key: tuple[str, ...]
    source: str
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    affiliation: _Draft | None = None
    plural: bool = False
    code: str | None = None


class ActorComponent(Component):
    """Build ``doc._.actors`` from entities and role-noun phrases (ids a1, a2, ...)."""

    name = "actors"
    reads = ("spacy", "entities", "places")
    writes = ("actors",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.dictionary = load_actor_dictionary(tuple(settings.actor_dictionaries))

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = _DocumentActors(doc, self.dictionary).build()
        return doc


class _DocumentActors:
    """The actors of one document (state of one run; not shared between documents)."""

    def __init__(self, doc: Doc, dictionary: ActorDictionary) -> None:
        self.doc = doc
        self.d = dictionary
        self.drafts: list[_Draft] = []
        self.by_key: dict[tuple[str, ...], _Draft] = {}
        self.token_actor: dict[int, _Draft] = {}
        self.token_country: dict[int, str] = {}
        self.dominant: str | None = None

    # --- driver -------------------------------------------------------------------------------

    def build(self) -> list[Actor]:
        ents = [e for e in self.doc.ents if e.label_ in ENTITY_LABELS]
        self._mark_countries(ents)
        self.dominant = self._dominant_country()
        # groups first: "X, UN secretary-general" needs the UN when X is read
        for ent in sorted(ents, key=lambda e: e.label_ == "PERSON"):
            self._from_entity(ent)
        for token in self.doc:
            if token.i in self.token_actor:
                continue
            if token.pos_ == "PRON" or self._is_group_anaphor(token):
                self._resolve_anaphor(token)
            elif token.pos_ == "PROPN" and not token.ent_type_ and self._untagged_state(token):
                continue
            elif token.pos_ in ("NOUN", "PROPN"):
                self._from_role_noun(token)
        return self._finish()

    # --- countries ------------------------------------------------------------------------------

    def _mark_countries(self, ents: list[Span]) -> None:
        for ent in ents:
            code = self._country_of_text(ent.text)
            if code:
                for tok in ent:
                    self.token_country[tok.i] = code
        # toponyms the places component resolved ("Tal Afar" -> IRQ) give their country too
        for place in self.doc._.places or []:
            span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
            if place.country and span is not None:
                for tok in span:
                    self.token_country.setdefault(tok.i, place.country)

    def _country_of_text(self, text: str) -> str | None:
        entry = self.d.lookup_name(text)
        if entry is not None and entry.kind == "state":
            return entry.country
        text = text.removeprefix("the ").strip()
        first = text.split()[0] if text else ""  # "Bosnian Serbs", "Iraqi Kurds"
        return self.d.demonym(text) or self.d.demonym(first) or self.d.city_country(text)

    def _state_name(self, text: str) -> str | None:
        entry = self.d.lookup_name(text)
        return entry.country if entry is not None and entry.kind == "state" else None

    def _country_name(self, code: str) -> str:
        return self.d.country_names.get(code, code)

    def _dominant_country(self) -> str | None:
        counts = Counter(
            self.token_country[i]
            for i in sorted(self.token_country)
            if i == 0 or self.token_country.get(i - 1) != self.token_country[i]
        )
        return counts.most_common(1)[0][0] if counts else None

    def _modifier_country(self, token: Token) -> tuple[str | None, str]:
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

    # --- named entities -------------------------------------------------------------------------

    def _from_entity(self, ent: Span) -> None:
        root = ent.root
        if (
            ent.label_ in ("NORP", "GPE")
            and root.dep_ in MODIFIER_DEPS
            and root.head.i not in range(ent.start, ent.end)
            and (
                self._role_of(root.head) is not None
                or root.head.ent_type_ in ("PERSON", "ORG")
                or (root.head.ent_type_ == "NORP" and root.head.tag_ == "NNPS")  # "Iraqi Kurds"
            )
        ):
            return  # "Nigerian soldiers", "Iraq army": a modifier of another actor
        entry = self.d.lookup_name(ent.text)
        people = self._people_group(ent) if entry is None or entry.kind == "state" else None
        if people is not None:
            self._add_mention(people, ent.start, ent.end)
            return
        if entry is None and ent.label_ in ("NORP", "GPE") and ent.start in self.token_country:
            entry = self.d.lookup_name(self._country_name(self.token_country[ent.start]))
        if entry is not None:
            draft = self._entry_draft(entry)
        elif ent.label_ == "PERSON":
            if self._is_resolved_place(ent):
                return  # a town the tagger took for a person: the places component knows it
            draft = self._person(ent)
        elif ent.label_ == "ORG":
            draft = self._organisation(ent)
        else:
            people = self._people(ent)
            if people is None:
                return
            draft = people
        self._add_mention(draft, ent.start, ent.end)

    def _untagged_state(self, token: Token) -> bool:
        """Add a country the tagger missed ("Uzbekistan finally opened ..."); return if found."""
        entry = self.d.lookup_name(token.text)
        if entry is None or entry.kind != "state" or not token.text[:1].isupper():
            return False
        self._add_mention(self._entry_draft(entry), token.i, token.i + 1)
        return True

    def _entry_draft(self, entry: NamedEntry) -> _Draft:
        """Return the actor of a dictionary entry (one per entry in a document)."""
        draft = self._draft(
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

    def _people_group(self, ent: Span) -> _Draft | None:
        """A plural nationality or ethnic group as a noun ("Iraqi Kurds", "ethnic Albanians").

        Its sector is CVL; its country is the one of its first demonym, except for an "ethnic"
        group, which belongs where it lives: "in X", else the other country of the text.
        """
        last, root = ent[-1], ent.root
        if ent.label_ not in ("NORP", "PERSON", "ORG") or root.i != last.i:
            return None
        if (
            last.pos_ not in ("NOUN", "PROPN")
            or not last.text.endswith("s")
            or last.text.endswith("ss")
        ):
            return None
        codes = [c for t in ent if (c := self.d.demonym(t.text))]
        if ent.label_ != "NORP" and not self.d.demonym(last.text):
            return None
        # "Iraqi Kurds" as two entities: the country comes from the demonym before the group
        codes += [c for t in root.children if t.dep_ == "amod" and (c := self.d.demonym(t.text))]
        if not codes:  # a people with no state of its own ("Kurds"): where it lives
            home = self._residence(root, exclude="") or self.dominant
            codes = [home] if home else []
        if not codes:
            return None
        code, how = codes[0], "ner (nationality group)"
        before = self.doc[ent.start - 1] if ent.start > 0 else None
        ethnic = any(t.lower_ == "ethnic" for t in ent) or (
            before is not None and before.lower_ == "ethnic"
        )
        if ethnic:
            home = self._residence(root, exclude=code)
            if home is not None:
                code, how = home, "ner (ethnic group; country where it lives)"
        draft = self._draft(
            ("people", code, ent.text.lower()), name=ent.text, kind="civilian", source=how
        )
        draft.country, draft.sectors, draft.plural = code, draft.sectors or ["CVL"], True
        return draft

    def _residence(self, root: Token, *, exclude: str) -> str | None:
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

    def _people(self, ent: Span) -> _Draft | None:
        """A nationality used as a noun ("the Palestinians said"): the people of a country."""
        code = self.d.demonym(ent.text.removeprefix("the "))
        if code is None or ent.root.pos_ not in ("NOUN", "PROPN"):
            return None
        draft = self._draft(
            ("people", code), name=ent.text, kind="civilian", source="ner (nationality)"
        )
        draft.country, draft.sectors, draft.plural = code, draft.sectors or ["CVL"], True
        return draft

    def _person(self, ent: Span) -> _Draft:
        surname = ent[-1].text.lower()
        draft = self.by_key.get(("person", surname))
        if draft is None:
            draft = self._draft(("person", surname), name=ent.text, kind="person", source="ner")
        elif len(ent.text) > len(draft.name):
            draft.name = ent.text
        self._person_attributes(draft, ent)
        return draft

    def _person_attributes(self, draft: _Draft, ent: Span) -> None:
        """Fill sector, country and affiliation from titles and appositions around a name."""
        root = ent.root
        related = [c for c in root.children if c.i < ent.start or c.i >= ent.end]
        if root.dep_ == "appos":
            related.append(root.head)
            # "a commander of the X Brigades, Karim Haddad": the parser hangs the name on X
            if root.head.dep_ == "pobj" and root.head.head.dep_ == "prep":
                related.append(root.head.head.head)
        related += [c for c in root.children if c.dep_ == "appos"]
        bodies = [  # "Arab League Secretary General X": a member of an international body
            body
            for tok in related
            if tok.dep_ in MODIFIER_DEPS
            and (body := self.token_actor.get(tok.i)) is not None
            and body.code in INTERNATIONAL_CODES
        ]
        for tok in related:
            if tok.dep_ in MODIFIER_DEPS and tok.i in self.token_country and not draft.country:
                draft.country = self.token_country[tok.i]
            role = self._role_of(tok)
            if role is None:
                continue
            role_draft = self._from_role_noun(tok, person=draft)
            if role_draft is not None:
                continue
            if role.sector not in draft.sectors:
                draft.sectors.append(role.sector)
        if bodies:
            draft.affiliation = draft.affiliation or bodies[0]
            draft.sectors += [b.code for b in bodies if b.code]
        if draft.country is None:  # "King X of Morocco", "X of Nigeria"
            draft.country = self._of_country(root)
        if draft.country is None and draft.affiliation is not None:
            draft.country = draft.affiliation.country
        international = any(s in INTERNATIONAL_CODES for s in draft.sectors)
        if draft.country is None and self.dominant and not international:
            draft.country = self.dominant
            draft.source += "; country from the document's dominant country"

    def _of_country(self, root: Token, *, preps: tuple[str, ...] = ("of", "from")) -> str | None:
        """Return the country of "of/from X" after a name ("King X of Morocco")."""
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.token_country:
                        return self.token_country[pobj.i]
        return None

    def _organisation(self, ent: Span) -> _Draft:
        name = ent.text.removeprefix("the ").removeprefix("The ")
        draft = self._draft(("org", name.lower()), name=name, kind="organisation", source="ner")
        country = next((self.token_country[t.i] for t in ent if t.i in self.token_country), None)
        if country is None:
            country = next((c for t in ent if (c := self.d.demonym(t.text))), None)
        if country is None:  # a country's name inside the name: "Montenegro X Association"
            country = next((c for t in ent if (c := self._state_name(t.text))), None)
        head = ent[-1].lower_
        role = self.d.role(head) or self.d.role(ent[-1].lemma_.lower())
        group = self.d.group_heads.get(head)
        chosen = role if (country and role) or not group else group
        if chosen is not None:
            draft.kind = _kind_of(chosen)
            draft.sectors = draft.sectors or [chosen.sector]
            draft.source = f"ner (kind from head word '{ent[-1].text}')"
        draft.plural = True
        draft.country = draft.country or country or self._seat_country(ent)
        if (
            draft.country is None
            and draft.kind in ("armed_group", "party", "government", "military", "police")
            and self.dominant
        ):
            draft.country = self.dominant
            draft.source += "; country from the document's dominant country"
        return draft

    def _seat_country(self, ent: Span) -> str | None:
        """Return the country where an organisation sits: "Kabul University", "X in Kenya"."""
        if ent[0].pos_ == "PROPN" and (code := self.d.city_country(ent[0].text)):
            return code
        return self._of_country(ent.root, preps=("in",))

    # --- role nouns -----------------------------------------------------------------------------

    def _role_of(self, token: Token) -> RoleNoun | None:
        lemma = token.lemma_.lower()
        for child in token.children:  # two-word roles: "police officer", "tribal leader"
            if child.dep_ in ("compound", "amod") and child.i == token.i - 1:
                hit = self.d.role(f"{child.lemma_.lower()} {lemma}") or self.d.role(
                    f"{child.lower_} {token.lower_}"
                )
                if hit:
                    return hit
        if (before := self._word_before(token)) is not None:
            # "Secretary General X" (both hang on the name), "secretary-general"
            hit = self.d.role(f"{before.lower_} {token.lower_}")
            if hit is not None:
                return hit
        return self.d.role(lemma) or self.d.role(token.lower_)

    def _word_before(self, token: Token) -> Token | None:
        """Return the modifier word just before ``token`` (over a hyphen), if it has one."""
        i = token.i - 1
        if i > 0 and self.doc[i].text == "-":
            i -= 1
        if i < token.sent.start:
            return None
        before = self.doc[i]
        same_head = before.head.i in (token.i, token.head.i)
        return before if same_head and before.dep_ in ("compound", "amod") else None

    def _from_role_noun(self, token: Token, *, person: _Draft | None = None) -> _Draft | None:
        """Return the actor of a role-noun phrase (or fold the role into ``person``)."""
        role = self._role_of(token)
        owner = self._owner(token)
        lemma = token.lemma_.lower()
        if role is None and lemma in EQUIPMENT_HEADS:  # "army bulldozers", "U.N. helicopters"
            role = self._modifier_role(token) or (_inherit(None, owner, lemma) if owner else None)
        generic = lemma in self.d.generic_heads
        if role is None and not (generic and (owner or self._modifier_role(token))):
            return None  # "the rebel wing" is a group; a bare "the wing" is not
        if (
            role is None
            or lemma in self.d.generic_heads
            or (owner and role.sector in ("UAF", "REB"))
        ):
            role = self._modifier_role(token) or (
                role if owner is None else _inherit(role, owner, lemma)
            )
        if role is None:
            return None
        country, how = self._modifier_country(token)
        source = "role-noun" + (f" (country from {how})" if how else "")
        ethnic = any(c.lower_ == "ethnic" for c in token.subtree if c.i < token.i)
        if country is not None and ethnic:
            home = self._residence(token, exclude=country)
            if home is not None:
                country, source = home, "role-noun (ethnic group; country where it lives)"
        if country is None and owner is not None:
            country, source = owner.country, "role-noun (country of the group it belongs to)"
        international = (
            owner.code if owner is not None and owner.code in INTERNATIONAL_CODES else None
        )
        if country is None and international:  # "EU foreign ministers", "UN peacekeepers"
            return self._international_role(token, role, owner, international, person)
        if country is None and person is None and (scene := self._scene_country(token)):
            country, source = scene, "role-noun; country of the place named in the sentence"
        if country is None and self.dominant and person is None:  # a person's: see below
            country, source = (
                self.dominant,
                "role-noun; country from the document's dominant country",
            )
        if person is not None:
            return self._fold_into_person(person, token, role, country, owner, source)
        # "12 people" killed and "five people" arrested are different groups
        counted = " ".join(c.lower_ for c in token.children if c.dep_ == "nummod")
        key = ("role", role.lemma, country or "", str(id(owner)) if owner else "", counted)
        draft = self._draft(key, name=_phrase(token).text, kind=_kind_of(role), source=source)
        draft.country, draft.affiliation = country, owner
        draft.sectors = draft.sectors or [role.sector]
        draft.plural = draft.plural or token.tag_ in ("NNS", "NNPS")
        phrase = _phrase(token)
        self._add_mention(draft, phrase.start, phrase.end)
        return draft

    def _fold_into_person(
        self,
        person: _Draft,
        token: Token,
        role: RoleNoun,
        country: str | None,
        owner: _Draft | None,
        source: str,
    ) -> _Draft:
        if role.sector not in person.sectors:
            person.sectors.insert(0, role.sector)
        if any(c.lower_ in FORMER_WORDS for c in token.children):  # "former prime minister"
            person.sectors.insert(0, "ELI")
        person.country = person.country or country
        person.affiliation = person.affiliation or owner
        if "role" not in person.source:
            person.source += f"; sector from title/apposition '{token.text}' ({source})"
        phrase = _phrase(token)
        if token.dep_ == "appos" or token.head.dep_ == "appos" or token.i > phrase.start:
            pass
        if token.dep_ in MODIFIER_DEPS:  # a title inside the name's phrase: "President X"
            for i in range(phrase.start, phrase.end):
                self.token_actor.setdefault(i, person)
        else:
            self._add_mention(person, phrase.start, phrase.end)
        return person

    def _scene_country(self, token: Token) -> str | None:
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

    def _international_role(
        self,
        token: Token,
        role: RoleNoun,
        owner: _Draft | None,
        code: str,
        person: _Draft | None,
    ) -> _Draft:
        """A role of an international organisation: no country, the organisation's code."""
        source = f"role-noun (member of an international organisation, {code})"
        if person is not None:
            self._fold_into_person(person, token, role, None, owner, source)
            if code not in person.sectors:
                person.sectors.append(code)
            if person.country == self.dominant and "dominant" in person.source:
                person.country = None
            return person
        key = ("role", role.lemma, code, str(id(owner)))
        phrase = _phrase(token)
        draft = self._draft(key, name=phrase.text, kind=_kind_of(role), source=source)
        draft.affiliation = owner
        draft.sectors = draft.sectors or [role.sector, code]
        draft.plural = draft.plural or token.tag_ in ("NNS", "NNPS")
        self._add_mention(draft, phrase.start, phrase.end)
        return draft

    def _modifier_role(self, token: Token) -> RoleNoun | None:
        for child in token.children:
            if child.i in self.token_actor and child.ent_type_:
                continue  # "Union" in "European Union ministers" is a name, not a trade union
            role = self.d.role(child.lemma_.lower())
            # civilian adjectives ("local officials") do not change what an official is
            if child.dep_ in ("compound", "amod", "nmod") and role and role.sector != "CVL":
                return role
        return None

    def _owner(self, token: Token) -> _Draft | None:
        """Return the group a role phrase belongs to: "the group's spokesman", "commander of X"."""
        for child in token.children:
            if child.dep_ in ("compound", "nmod") and child.i in self.token_actor:
                draft = self.token_actor[child.i]
                if draft.kind not in ("state", "person", "civilian"):
                    return draft  # "Hamas gunmen"
            if child.dep_ == "poss" and child.i in self.token_actor:
                draft = self.token_actor[child.i]
                if draft.kind != "state" or token.lemma_.lower() in self.d.generic_heads:
                    return draft
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.token_actor:
                        draft = self.token_actor[pobj.i]
                        if draft.kind != "state":
                            return draft
        return None

    # --- anaphora -------------------------------------------------------------------------------

    def _is_group_anaphor(self, token: Token) -> bool:
        return token.lemma_.lower() in GROUP_ANAPHORS and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        )

    def _resolve_anaphor(self, token: Token) -> None:
        if token.dep_ not in ARGUMENT_DEPS and token.dep_ != "nsubj":
            return
        word = token.lower_
        if (
            word in THING_PRONOUNS
            and token.dep_ == "nsubj"
            and token.head.lemma_ in ("be", "seem", "appear")
            and not any(c.lower_ in STANCE_ADJECTIVES for c in token.head.children)
        ):
            return  # expletive "it is ...", but "it is willing to" is the group
        if word in PERSON_PRONOUNS:
            target = self._last(lambda d: d.kind == "person", token)
        elif word in PLURAL_PRONOUNS:
            target = self._last(lambda d: d.plural or d.kind in GROUP_KINDS, token)
        elif word in THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
            target = self._last(lambda d: d.kind in GROUP_KINDS, token)
        elif self._is_group_anaphor(token):
            target = self._last(lambda d: d.kind in GROUP_ANAPHOR_KINDS, token)
        else:
            return
        if target is not None:
            start = token.i if token.pos_ == "PRON" else _phrase(token).start
            self._add_mention(target, start, token.i + 1)

    def _last(self, accept: Callable[[_Draft], bool], token: Token) -> _Draft | None:
        best: tuple[int, _Draft] | None = None
        for draft in self.drafts:
            if not accept(draft):
                continue
            before = [s for s, _ in draft.mentions if s < token.idx]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), draft)
        return best[1] if best else None

    # --- bookkeeping ----------------------------------------------------------------------------

    def _draft(self, key: tuple[str, ...], *, name: str, kind: str, source: str) -> _Draft:
        draft = self.by_key.get(key)
        if draft is None:
            draft = _Draft(name=name, kind=kind, key=key, source=source)
            self.by_key[key] = draft
            self.drafts.append(draft)
        return draft

    def _add_mention(self, draft: _Draft, start: int, end: int) -> None:
        """Record tokens start..end (token indices) as a mention of ``draft``."""
        span = self.doc[start:end]
        if (span.start_char, span.end_char) not in draft.mentions:
            draft.mentions.append((span.start_char, span.end_char))
        for i in range(start, end):
            self.token_actor.setdefault(i, draft)

    def _finish(self) -> list[Actor]:
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


def _kind_of(role: RoleNoun) -> str:
    return role.kind


def _inherit(role: RoleNoun | None, owner: _Draft, lemma: str) -> RoleNoun | None:
    """A generic head ("spokesman", "wing") takes the kind and sector of its group."""
    sector = owner.sectors[0] if owner.sectors else (role.sector if role else None)
    if sector is None:
        return role
    kind = owner.kind if owner.kind != "state" or role is None else role.kind
    return RoleNoun(lemma, kind, sector)


def _phrase(token: Token) -> Span:
    """Return the noun phrase of a head noun without its clauses and prepositional phrases."""
    start = token.i
    for child in token.lefts:
        if child.dep_ not in ("punct", "cc", "appos"):
            start = min(start, child.left_edge.i)
    return token.doc[start : token.i + 1]
