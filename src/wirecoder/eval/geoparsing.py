"""Geoparsing benchmarks: GeoWebNews (GWN), LGL, GeoVirus and TR-News (Gritta et al. 2019 release).

Conventions, stated with every score (``EvalResult.notes``):

* Offsets: where ``text[start:end]`` differs from the phrase, the span moves to the nearest
  exact occurrence within 60 characters; GeoVirus offsets are shifted by -1 first.
* GWN toponyms are the types that name a place (literal or associative use, with
  coordinates in the gold): Literal, Mixed, Coercion, Literal_Modifier, Embedded_Literal,
  Metonymic, Embedded_Non_Lit, Non_Literal_Modifier. Demonym, Language, Homonym, Non_Toponym
  and the *_Expression types (common nouns) are not.
* Recognition: P/R/F1 on exact spans (``toponym_*``) and on overlapping spans
  (``toponym_*_overlap``), one to one.
* TR-News is in LGL's format; it also tags nationality adjectives ("Turkish" -> Turkey) as
  toponyms, which we do not output as places (recall is lower by design), and ``gold_*``
  resolves them as their country. Its file belongs wholly to the sealed part: without it
  the dataset is skipped (W601).
* Each article's outlet address (GWN link, LGL and TR-News domain, GeoVirus source) is passed as its URL:
  a country-code domain is country context, as in production.
* Geocoding: on gold toponyms with coordinates that a predicted place overlaps; a matched
  but unresolved place counts as the largest error (20,039 km). ``gold_*`` metrics resolve the
  gold spans themselves (recognition given), with the places our recogniser finds outside
  them as context only, as in production ("Parkland, Florida" with only "Parkland" annotated). AUC is the normalised area under the sorted
  log(1 + error km) curve (Gritta et al.); lower is better.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..errors import ErrorCode, UsageError
from ..gazetteer.resolve import haversine_km
from ..records import Article, Place
from .base import Dataset, EvalResult

if TYPE_CHECKING:
    from ..api import Extractor

__all__ = [
    "LGL",
    "GeoVirus",
    "GeoWebNews",
    "GoldToponym",
    "TRNews",
    "geocoding_metrics",
    "repair_span",
]

MAX_ERROR_KM = 20039.0
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Coercion",
        "Literal_Modifier",
        "Embedded_Literal",
        "Metonymic",
        "Embedded_Non_Lit",
        "Non_Literal_Modifier",
    }
)


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(slots=True)
class GoldDoc:
    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    url: str | None = None  # the outlet's address: GWN link, LGL domain, GeoVirus source


def repair_span(
    text: str, start: int, end: int, phrase: str, *, window: int = 60
) -> tuple[int, int] | None:
    """Return (start, end) moved to the nearest exact occurrence of ``phrase``, or None."""
    if text[start:end] == phrase:
        return start, end
    best: tuple[int, int] | None = None
    lo = max(0, start - window)
    pos = text.find(phrase, lo)
    while pos != -1 and pos <= start + window:
        if best is None or abs(pos - start) < abs(best[0] - start):
            best = (pos, pos + len(phrase))
        pos = text.find(phrase, pos + 1)
    return best


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _gold(
    text: str, start: int, end: int, phrase: str, **geo: float | int | None
) -> GoldToponym | None:
    if start < 0 or end <= start:
        return None
    span = repair_span(text, start, end, phrase)
    if span is None:
        return None
    return GoldToponym(span[0], span[1], phrase, **geo)  # type: ignore[arg-type]


def read_gwn(path: Path) -> list[GoldDoc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        doc = GoldDoc(f"gwn:{art.get('file')}", text, url=art.findtext("link"))
        for t in art.iter("toponym"):
            if t.findtext("type") not in GWN_TOPONYM_TYPES:
                continue
            gold = _gold(
                text,
                int(t.findtext("start") or -1),
                int(t.findtext("end") or -1),
                t.findtext("extractedName") or "",
                lat=_float(t.findtext("latitude")),
                lon=_float(t.findtext("longitude")),
                geonameid=_int(t.findtext("geonamesID")),
            )
            if gold:
                doc.toponyms.append(gold)
        docs.append(doc)
    return docs


def read_lgl(path: Path, *, prefix: str = "lgl") -> list[GoldDoc]:
    """Read LGL's format (TR-News uses it too): articles with toponyms and GeoNames tags."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        domain = (art.findtext("domain") or "").strip() or None
        doc = GoldDoc(f"{prefix}:{art.get('docid')}", text, url=domain)
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            geo: dict[str, float | int | None] = {}
            if tag is not None:
                geo = {
                    "lat": _float(tag.findtext("lat")),
                    "lon": _float(tag.findtext("lon")),
                    "geonameid": _int(tag.get("geonameid")),
                }
            gold = _gold(
                text,
                int(t.findtext("start") or -1),
                int(t.findtext("end") or -1),
                t.findtext("phrase") or "",
                **geo,
            )
            if gold:
                doc.toponyms.append(gold)
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[GoldDoc]:
    docs = []
    for number, art in enumerate(ET.parse(path).getroot().iter("article")):
        text = art.findtext("text") or ""
        doc = GoldDoc(f"geovirus:{number}", text, url=art.findtext("source"))
        for loc in art.iter("location"):
            start, end = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
            gold = _gold(
                text,
                start,
                end,
                loc.findtext("name") or "",
                lat=_float(loc.findtext("lat")),
                lon=_float(loc.findtext("lon")),
            )
            if gold:
                doc.toponyms.append(gold)
        docs.append(doc)
    return docs


# --- scoring ------------------------------------------------------------------------------


def _conventions(doc: str) -> list[str]:
    """The bullets of a docstring, each on one line (a bullet may itself hold ``*``)."""
    return [" ".join(item.split()) for item in re.split(r"^\* ", doc, flags=re.MULTILINE)[1:]]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _match(
    gold: list[GoldToponym], places: list[Place], *, exact: bool
) -> list[tuple[GoldToponym, Place]]:
    """Return one-to-one (gold, predicted) pairs, exact spans or overlapping ones."""
    pairs, used = [], set()
    for g in gold:
        for i, p in enumerate(places):
            if i in used:
                continue
            hit = (
                (p.start, p.end) == (g.start, g.end)
                if exact
                else _overlaps((p.start, p.end), (g.start, g.end))
            )
            if hit:
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int, prefix: str) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}_precision": p, f"{prefix}_recall": r, f"{prefix}_f1": f}


def _error_km(gold: GoldToponym, place: Place) -> float:
    if place.lat is None or place.lon is None:
        return MAX_ERROR_KM
    return haversine_km(gold.lat or 0.0, gold.lon or 0.0, place.lat, place.lon)


def geocoding_metrics(errors: list[float], *, prefix: str = "") -> dict[str, float]:
    """Return acc161, mean_km, median_km and AUC of a list of errors in km."""
    if not errors:
        return {}
    ordered = sorted(errors)
    logs = [math.log(1 + e) / math.log(1 + MAX_ERROR_KM) for e in ordered]
    if len(logs) > 1:
        auc = sum((a + b) / 2 for a, b in itertools.pairwise(logs)) / (len(logs) - 1)
    else:
        auc = logs[0]
    return {
        f"{prefix}acc161": sum(e <= 161 for e in errors) / len(errors),
        f"{prefix}mean_km": statistics.fmean(errors),
        f"{prefix}median_km": statistics.median(errors),
        f"{prefix}auc": auc,
    }


@dataclass(slots=True)
class _Tally:
    n_gold: int = 0
    n_pred: int = 0
    tp_exact: int = 0
    tp_overlap: int = 0
    errors: list[float] = field(default_factory=list)
    ids: list[bool] = field(default_factory=list)
    gold_errors: list[float] = field(default_factory=list)
    gold_ids: list[bool] = field(default_factory=list)

    def add(self, gold: list[GoldToponym], places: list[Place], resolved_gold: list[Place]) -> None:
        self.n_gold += len(gold)
        self.n_pred += len(places)
        self.tp_exact += len(_match(gold, places, exact=True))
        pairs = _match(gold, places, exact=False)
        self.tp_overlap += len(pairs)
        for g, p in pairs:
            if g.lat is not None and g.lon is not None:
                self.errors.append(_error_km(g, p))
            if g.geonameid is not None:
                self.ids.append(p.geonameid == g.geonameid)
        for g, p in zip(gold, resolved_gold, strict=True):
            if g.lat is not None and g.lon is not None:
                self.gold_errors.append(_error_km(g, p))
            if g.geonameid is not None:
                self.gold_ids.append(p.geonameid == g.geonameid)

    def metrics(self) -> dict[str, float]:
        out = _prf(self.tp_exact, self.n_pred, self.n_gold, "toponym")
        overlap = _prf(self.tp_overlap, self.n_pred, self.n_gold, "toponym")
        out.update({k + "_overlap": v for k, v in overlap.items()})
        out.update(geocoding_metrics(self.errors))
        out.update(geocoding_metrics(self.gold_errors, prefix="gold_"))
        if self.ids:
            out["geonameid_match"] = sum(self.ids) / len(self.ids)
        if self.gold_ids:
            out["gold_geonameid_match"] = sum(self.gold_ids) / len(self.gold_ids)
        return out


class _GeoparsingDataset(Dataset):
    folder: ClassVar[str] = "geoparsing"
    filename: ClassVar[str]

    def read(self, data: Path) -> list[GoldDoc]:
        raise NotImplementedError

    def evaluate(self, extractor: Extractor, *, data: Path, limit: int | None = None) -> EvalResult:
        from ..nlp.places import (
            PlaceComponent,
            found_toponyms,
            gold_toponyms,
            outlet_address,
            place_record,
            resolve_toponyms,
            with_context_toponyms,
        )

        path = Path(data) / self.filename if Path(data).is_dir() else Path(data)
        if not path.exists():
            raise UsageError(ErrorCode.W403, path=path)
        docs = self.read(path)[:limit]
        started = time.perf_counter()
        pipeline = extractor.pipeline
        places_comp = next((c for c in pipeline.components if isinstance(c, PlaceComponent)), None)
        if places_comp is None:
            raise UsageError(ErrorCode.W401, name="places", known="(not in this pipeline)")
        tally = _Tally()
        for gold, doc in zip(docs, pipeline.parse(d.text for d in docs), strict=True):
            article = Article(text=gold.text, origin=gold.doc_id, language="en", url=gold.url)
            doc = pipeline.enrich(doc, article)
            spans = [(g.start, g.end) for g in gold.toponyms]
            toponyms, positions = with_context_toponyms(
                doc,
                gold_toponyms(doc, places_comp.gazetteer, spans, demonyms=places_comp.demonyms),
                found_toponyms(doc, places_comp.gazetteer, places_comp.demonyms),
            )
            chosen = resolve_toponyms(
                toponyms,
                base=places_comp.base_context(doc),
                outlet=outlet_address(doc),
                outlet_towns=places_comp.outlet_towns(doc),
            )
            resolved = [
                place_record(f"g{i}", toponyms[at], chosen[at]) for i, at in enumerate(positions)
            ]
            tally.add(gold.toponyms, doc._.places, resolved)
        return EvalResult(
            dataset=self.name,
            metrics=tally.metrics(),
            counts={
                "documents": len(docs),
                "gold_toponyms": tally.n_gold,
                "predicted_places": tally.n_pred,
                "geocoded_pairs": len(tally.errors),
            },
            notes=_conventions(__doc__ or ""),
            seconds=time.perf_counter() - started,
        )


class GeoWebNews(_GeoparsingDataset):
    name = "gwn"
    filename = "GWN.xml"
    description = "GeoWebNews (development half): toponym recognition and geocoding."

    def read(self, data: Path) -> list[GoldDoc]:
        return read_gwn(data)


class LGL(_GeoparsingDataset):
    name = "lgl"
    filename = "lgl.xml"
    description = "LGL local US news: toponym recognition and geocoding (GeoNames ids)."

    def read(self, data: Path) -> list[GoldDoc]:
        return read_lgl(data)


class GeoVirus(_GeoparsingDataset):
    name = "geovirus"
    filename = "GeoVirus.xml"
    description = "GeoVirus WikiNews epidemics: toponym recognition and geocoding."

    def read(self, data: Path) -> list[GoldDoc]:
        return read_geovirus(data)


class TRNews(_GeoparsingDataset):
    name = "trnews"
    filename = "TR-News.xml"
    description = "TR-News global news (sealed part only): toponym recognition and geocoding."

    def read(self, data: Path) -> list[GoldDoc]:
        return read_lgl(data, prefix="trnews")
