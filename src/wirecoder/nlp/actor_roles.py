"""Role-noun phrases and organisation names: the kind and sector a head word gives an actor.

A role noun ("Nigerian soldiers", "the group's spokesman") becomes an actor of its own or,
as a title or an apposition, folds its sector into a person; an organisation absent from the
dictionary takes its kind from its last word ("Northern Brigades" -> armed_group).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .actor_dictionary import RoleNoun
from .actor_drafts import INTERNATIONAL_CODES, MODIFIER_DEPS, Draft, DraftBook, noun_phrase
from .cues import load_cues

__all__ = ["RoleNouns"]

# vehicles and equipment take the role of their modifier: "army bulldozers" -> MIL
EQUIPMENT_HEADS = frozenset(
    {"bulldozer", "helicopter", "jet", "plane", "aircraft", "warplane", "tank", "ship"}
    | {"warship", "boat", "gunboat", "vehicle", "convoy", "drone", "artillery", "battery"}
)
FORMER_WORDS = frozenset({"former", "ex", "ousted", "exiled", "retired"})


class RoleNouns:
    """Actors from role-noun phrases and from organisation names, in one document."""

    def __init__(self, book: DraftBook) -> None:
        self.book = book
        self.d = book.d

    # --- organisations --------------------------------------------------------------------------

    def organisation(self, ent: Span) -> Draft:
        """Return the actor of an ORG entity absent from the dictionary."""
        book = self.book
        name = ent.text.removeprefix("the ").removeprefix("The ")
        draft = book.draft(("org", name.lower()), name=name, kind="organisation", source="ner")
        country = next((book.token_country[t.i] for t in ent if t.i in book.token_country), None)
        if country is None:
            country = next((c for t in ent if (c := self.d.demonym(t.text))), None)
        if country is None:  # a country's name inside the name: "Montenegro X Association"
            country = next((c for t in ent if (c := book.state_name(t.text))), None)
        head = ent[-1].lower_
        pair = f"{ent[-2].lower_} {head}" if len(ent) > 1 else head
        role = self.d.role(head) or self.d.role(ent[-1].lemma_.lower())
        group = self.d.group_heads.get(pair) or self.d.group_heads.get(head)
        chosen = role if (country and role) or not group else group
        if len(ent) > 1 and (named_role := self.d.role(pair)):
            chosen = named_role  # "National Intelligence Agency": an intelligence agency
        if chosen is not None:
            draft.kind = _kind_of(chosen)
            draft.sectors = draft.sectors or [chosen.sector]
            draft.source = f"ner (kind from head word '{ent[-1].text}')"
        draft.plural = True
        draft.country = draft.country or country or self._seat_country(ent)
        if (
            draft.country is None
            and draft.kind in ("armed_group", "party", "government", "military", "police")
            and book.dominant
        ):
            draft.country = book.dominant
            draft.source += "; country from the document's dominant country"
        return draft

    def _seat_country(self, ent: Span) -> str | None:
        """Return the country where an organisation sits: "Kabul University", "X in Kenya"."""
        if ent[0].pos_ == "PROPN" and (code := self.d.city_country(ent[0].text)):
            return code
        return self.book.of_country(ent.root, preps=("in",))

    # --- role nouns -----------------------------------------------------------------------------

    def role_of(self, token: Token) -> RoleNoun | None:
        """Return the role noun ``token`` heads, with a modifier for two-word roles."""
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
        doc = self.book.doc
        i = token.i - 1
        if i > 0 and doc[i].text == "-":
            i -= 1
        if i < token.sent.start:
            return None
        before = doc[i]
        same_head = before.head.i in (token.i, token.head.i)
        return before if same_head and before.dep_ in ("compound", "amod") else None

    def from_role_noun(self, token: Token, *, person: Draft | None = None) -> Draft | None:
        """Return the actor of a role-noun phrase (or fold the role into ``person``)."""
        book = self.book
        negations = load_cues().negation_determiners
        if any(c.dep_ == "det" and c.lower_ in negations for c in token.children):
            return None  # "there were no fighters there", "no civilians were hurt": nobody
        role = self.role_of(token)
        owner = self._owner(token)
        lemma = token.lemma_.lower()
        if role is None and lemma in EQUIPMENT_HEADS:  # "army bulldozers", "U.N. helicopters"
            role = self._modifier_role(token) or (_inherit(None, owner, lemma) if owner else None)
        # "a group of residents protested", "a crowd of gunmen": they did; "members of the X
        # Front abducted ...": the Front acts through its members, but "a member of the local
        # council" shot is one person, not the council
        collective = lemma in self.d.collective_heads and owner is not None and owner.plural
        members = lemma == "member" and token.tag_ == "NNS"
        if owner is not None and person is None and (collective or members):
            phrase = noun_phrase(token)
            book.add_mention(owner, phrase.start, phrase.end)
            return owner
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
        country, how = book.modifier_country(token)
        source = "role-noun" + (f" (country from {how})" if how else "")
        ethnic = any(c.lower_ == "ethnic" for c in token.subtree if c.i < token.i)
        if country is not None and ethnic:
            home = book.residence(token, exclude=country)
            if home is not None:
                country, source = home, "role-noun (ethnic group; country where it lives)"
        if country is None and owner is not None:
            country, source = owner.country, "role-noun (country of the group it belongs to)"
        international = (
            owner.code if owner is not None and owner.code in INTERNATIONAL_CODES else None
        )
        if country is None and international:  # "EU foreign ministers", "UN peacekeepers"
            return self._international_role(token, role, owner, international, person)
        if country is None and person is None and (scene := book.scene_country(token)):
            country, source = scene, "role-noun; country of the place named in the sentence"
        if country is None and book.dominant and person is None:  # a person's: see below
            country, source = (
                book.dominant,
                "role-noun; country from the document's dominant country",
            )
        if person is not None:
            return self._fold_into_person(person, token, role, country, owner, source)
        # "12 people" killed and "five people" arrested are different groups
        counted = " ".join(c.lower_ for c in token.children if c.dep_ == "nummod")
        key = ("role", role.lemma, country or "", str(id(owner)) if owner else "", counted)
        draft = book.draft(key, name=noun_phrase(token).text, kind=_kind_of(role), source=source)
        draft.country, draft.affiliation = country, owner
        draft.sectors = draft.sectors or [role.sector]
        draft.plural = draft.plural or token.tag_ in ("NNS", "NNPS")
        phrase = noun_phrase(token)
        book.add_mention(draft, phrase.start, phrase.end)
        return draft

    def _fold_into_person(
        self,
        person: Draft,
        token: Token,
        role: RoleNoun,
        country: str | None,
        owner: Draft | None,
        source: str,
    ) -> Draft:
        if role.sector not in person.sectors:
            person.sectors.insert(0, role.sector)
        if any(c.lower_ in FORMER_WORDS for c in token.children):  # "former prime minister"
            person.sectors.insert(0, "ELI")
        person.country = person.country or country
        person.affiliation = person.affiliation or owner
        if "role" not in person.source:
            person.source += f"; sector from title/apposition '{token.text}' ({source})"
        phrase = noun_phrase(token)
        if token.dep_ in MODIFIER_DEPS:  # a title inside the name's phrase: "President X"
            for i in range(phrase.start, phrase.end):
                self.book.token_actor.setdefault(i, person)
        else:
            self.book.add_mention(person, phrase.start, phrase.end)
        return person

    def _international_role(
        self,
        token: Token,
        role: RoleNoun,
        owner: Draft | None,
        code: str,
        person: Draft | None,
    ) -> Draft:
        """A role of an international organisation: no country, the organisation's code."""
        source = f"role-noun (member of an international organisation, {code})"
        if person is not None:
            self._fold_into_person(person, token, role, None, owner, source)
            if code not in person.sectors:
                person.sectors.append(code)
            if person.country == self.book.dominant and "dominant" in person.source:
                person.country = None
            return person
        key = ("role", role.lemma, code, str(id(owner)))
        phrase = noun_phrase(token)
        draft = self.book.draft(key, name=phrase.text, kind=_kind_of(role), source=source)
        draft.affiliation = owner
        draft.sectors = draft.sectors or [role.sector, code]
        draft.plural = draft.plural or token.tag_ in ("NNS", "NNPS")
        self.book.add_mention(draft, phrase.start, phrase.end)
        return draft

    def _modifier_role(self, token: Token) -> RoleNoun | None:
        for child in token.children:
            if child.i in self.book.token_actor and child.ent_type_:
                continue  # "Union" in "European Union ministers" is a name, not a trade union
            role = self.d.role(child.lemma_.lower())
            # civilian adjectives ("local officials") do not change what an official is
            if child.dep_ in ("compound", "amod", "nmod") and role and role.sector != "CVL":
                return role
        return None

    def _owner(self, token: Token) -> Draft | None:
        """Return the group a role phrase belongs to: "the group's spokesman", "commander of X"."""
        token_actor = self.book.token_actor
        for child in token.children:
            if child.dep_ in ("compound", "nmod") and child.i in token_actor:
                draft = token_actor[child.i]
                if draft.kind not in ("state", "person", "civilian"):
                    return draft  # "Hamas gunmen"
            if child.dep_ == "poss" and child.i in token_actor:
                draft = token_actor[child.i]
                if draft.kind != "state" or token.lemma_.lower() in self.d.generic_heads:
                    return draft
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in token_actor:
                        draft = token_actor[pobj.i]
                        if draft.kind != "state":
                            return draft
        return None


def _kind_of(role: RoleNoun) -> str:
    return role.kind


def _inherit(role: RoleNoun | None, owner: Draft, lemma: str) -> RoleNoun | None:
    """A generic head ("spokesman", "wing") takes the kind and sector of its group."""
    sector = owner.sectors[0] if owner.sectors else (role.sector if role else None)
    if sector is None:
        return role
    kind = owner.kind if owner.kind != "state" or role is None else role.kind
    return RoleNoun(lemma, kind, sector)
