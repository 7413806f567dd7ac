"""How the toponyms of a text relate: which contains which, which form a list.

"Tripoli, Lebanon", "Syria's Idlib" and "Collins Avenue in Miami Beach" name a place and its
container; "Missouri, New York and Virginia" is a list whose items share a level. The links
are read from the text between consecutive toponyms and set on the ``Toponym`` records, for
``place_resolution`` to use.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc

from ..gazetteer import Candidate
from .place_resolution import Toponym

__all__ = ["is_landmark", "link_containers", "link_lists"]


def is_landmark(c: Candidate) -> bool:
    """Return True for a place that names the things in it: a country, province or large town."""
    if c.match_kind != 0:
        return False
    return c.feature_code in ("PCLI", "ADM1") or (
        c.feature_class == "P" and c.population >= 100_000
    )


#: source of "capital" in "the Syrian capital" (``places._capital_phrases``)
CAPITAL_SOURCE = "capital-of"
_POSSESSIVE = re.compile(r"['’]s\s+")
_IN = re.compile(r"\s+in\s+(?:the\s+)?", re.IGNORECASE)
_LIST_END = re.compile(r"\s*,?\s*(and|or|&)\s*", re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(,|,?\s*(and|or|&))\s*", re.IGNORECASE)


def link_containers(doc: Doc, toponyms: list[Toponym]) -> None:
    """Mark "Tripoli, Lebanon": a toponym after a comma that can be an area contains the first;
    "Syria's Idlib": a country, province or large town contains what it possesses; and
    "Collins Avenue in Miami Beach": a name the gazetteer lacks lies in the known one after "in".

    Not before a list's last item: in "Washington, New York and Boston" the second name is the
    next item ("Louisville, Ky., New Haven, Conn." is a list of contained towns).
    """
    full_text = doc.text
    for i, (first, second) in enumerate(itertools.pairwise(toponyms)):
        between = full_text[first.end : second.start]
        if between.strip() != "," or not any(
            c.feature_code in ("PCLI", "ADM1", "ADM2") for c in second.candidates
        ):
            continue
        after = toponyms[i + 2] if i + 2 < len(toponyms) else None
        if after is not None and _LIST_END.fullmatch(full_text[second.end : after.start]):
            continue
        first.container = i + 1
    for i, (first, second) in enumerate(itertools.pairwise(toponyms)):
        # "Syria's Idlib", "London's Heathrow": the possessor contains the second name
        between = full_text[first.end : second.start]
        possessive = _POSSESSIVE.fullmatch(between)
        if possessive and second.container is None and any(map(is_landmark, first.candidates)):
            second.container = i
        # "Collins Avenue in Miami Beach": a name the gazetteer lacks lies in the known one;
        # "the embassy in the U.S. capital" in the capital, not the country
        if _IN.fullmatch(between) and not first.candidates and second.candidates:
            third = toponyms[i + 2] if i + 2 < len(toponyms) else None
            capital = (
                third is not None
                and third.source.startswith(CAPITAL_SOURCE)
                and full_text[second.end : third.start] == " "
            )
            if first.container is None:
                first.container = i + 2 if capital else i + 1


def link_lists(doc: Doc, toponyms: list[Toponym]) -> None:
    """Give the items of a list of toponyms ("Missouri, New York and Virginia") their siblings.

    A name in a container pair ("Buffalo, New York") is no list item.
    """
    paired = {t.container for t in toponyms if t.container is not None}
    paired |= {i for i, t in enumerate(toponyms) if t.container is not None}
    groups: list[list[int]] = []
    for i, (first, second) in enumerate(itertools.pairwise(toponyms)):
        if i in paired or i + 1 in paired:
            continue
        if _LIST_JOIN.fullmatch(doc.text[first.end : second.start]):
            if groups and groups[-1][-1] == i:
                groups[-1].append(i + 1)
            else:
                groups.append([i, i + 1])
    for group in groups:
        for i in group:
            toponyms[i].siblings = tuple(j for j in group if j != i)
