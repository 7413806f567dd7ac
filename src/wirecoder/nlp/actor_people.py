"""People: named persons with their titles and appositions, and nationalities as groups.

A person merges with earlier mentions of the same surname and takes sector, country and
affiliation from the words around the name ("Portuguese President X", "a senior commander of
the Y, X"); a plural nationality or ethnic group ("Iraqi Kurds", "the Palestinians") is a
civilian group of a country.
"""

from __future__ import annotations

from spacy.tokens import Span

from .actor_drafts import INTERNATIONAL_CODES, MODIFIER_DEPS, Draft, DraftBook
from .actor_roles import RoleNouns

__all__ = ["People"]


class People:
    """Actors from PERSON entities and from nationality or ethnic groups, in one document."""

    def __init__(self, book: DraftBook, roles: RoleNouns) -> None:
        self.book = book
        self.d = book.d
        self.roles = roles

    # --- nationalities and ethnic groups --------------------------------------------------------

    def people_group(self, ent: Span) -> Draft | None:
        """A plural nationality or ethnic group as a noun ("Iraqi Kurds", "ethnic Albanians").

        Its sector is CVL; its country is the one of its first demonym, except for an "ethnic"
        group, which belongs where it lives: "in X", else the other country of the text.
        """
        book = self.book
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
            home = book.residence(root, exclude="") or book.dominant
            codes = [home] if home else []
        if not codes:
            return None
        code, how = codes[0], "ner (nationality group)"
        before = book.doc[ent.start - 1] if ent.start > 0 else None
        ethnic = any(t.lower_ == "ethnic" for t in ent) or (
            before is not None and before.lower_ == "ethnic"
        )
        if ethnic:
            home = book.residence(root, exclude=code)
            if home is not None:
                code, how = home, "ner (ethnic group; country where it lives)"
        draft = book.draft(
            ("people", code, ent.text.lower()), name=ent.text, kind="civilian", source=how
        )
        draft.country, draft.sectors, draft.plural = code, draft.sectors or ["CVL"], True
        return draft

    def people(self, ent: Span) -> Draft | None:
        """A nationality used as a noun ("the Palestinians said"): the people of a country."""
        code = self.d.demonym(ent.text.removeprefix("the "))
        if code is None or ent.root.pos_ not in ("NOUN", "PROPN"):
            return None
        draft = self.book.draft(
            ("people", code), name=ent.text, kind="civilian", source="ner (nationality)"
        )
        draft.country, draft.sectors, draft.plural = code, draft.sectors or ["CVL"], True
        return draft

    # --- persons --------------------------------------------------------------------------------

    def person(self, ent: Span) -> Draft:
        """Return the actor of a PERSON entity (one per surname in a document)."""
        surname = ent[-1].text.lower()
        draft = self.book.by_key.get(("person", surname))
        if draft is None:
            draft = self.book.draft(("person", surname), name=ent.text, kind="person", source="ner")
        elif len(ent.text) > len(draft.name):
            draft.name = ent.text
        self._person_attributes(draft, ent)
        return draft

    def _person_attributes(self, draft: Draft, ent: Span) -> None:
        """Fill sector, country and affiliation from titles and appositions around a name."""
        book = self.book
        root = ent.root
        related = [c for c in root.children if c.i < ent.start or c.i >= ent.end]
        if root.dep_ == "appos":
            related.append(root.head)
            # "a commander of the X Brigades, Karim Haddad": the parser hangs the name on X
            if root.head.dep_ == "pobj" and root.head.head.dep_ == "prep":
                related.append(root.head.head.head)
        related += [c for c in root.children if c.dep_ == "appos"]
        # "Father X, other priests and civilians": a plural, or "other"/"another", is someone
        # else, whatever the parser hung it on
        related = [
            t
            for t in related
            if t.tag_ not in ("NNS", "NNPS")
            and not any(c.lower_ in ("other", "another") for c in t.children)
        ]
        bodies = [  # "Arab League Secretary General X": a member of an international body
            body
            for tok in related
            if tok.dep_ in MODIFIER_DEPS
            and (body := book.token_actor.get(tok.i)) is not None
            and body.code in INTERNATIONAL_CODES
        ]
        for tok in related:
            if tok.dep_ in MODIFIER_DEPS and tok.i in book.token_country and not draft.country:
                draft.country = book.token_country[tok.i]
            role = self.roles.role_of(tok)
            if role is None:
                continue
            role_draft = self.roles.from_role_noun(tok, person=draft)
            if role_draft is not None:
                continue
            if role.sector not in draft.sectors:
                draft.sectors.append(role.sector)
        if bodies:
            draft.affiliation = draft.affiliation or bodies[0]
            draft.sectors += [b.code for b in bodies if b.code]
        if draft.country is None:  # "King X of Morocco", "X of Nigeria"
            draft.country = book.of_country(root)
        if draft.country is None and draft.affiliation is not None:
            draft.country = draft.affiliation.country
        international = any(s in INTERNATIONAL_CODES for s in draft.sectors)
        if draft.country is None and book.dominant and not international:
            draft.country = book.dominant
            draft.source += "; country from the document's dominant country"
