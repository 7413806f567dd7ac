"""The public record: JSON round trips, schema validity, and a golden serialisation."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from factories import make_record
from wirecoder.records import (
    SCHEMA_VERSION,
    Actor,
    DocumentRecord,
    Mention,
    TimeSpan,
    content_hash,
    from_dict,
    to_dict,
)

SCHEMA = json.loads(files("wirecoder").joinpath("schema/document_record.schema.json").read_text())
GOLDEN = Path(__file__).parent / "golden" / "record.json"


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_record_validates_and_round_trips():
    data = to_dict(make_record())
    jsonschema.validate(data, SCHEMA)
    assert to_dict(from_dict(DocumentRecord, data)) == data
    assert json.loads(json.dumps(data)) == data


def test_golden_serialisation():
    """The JSON shape is a public contract: a change here must be announced in CHANGELOG.md
    and, if it can break readers, bump SCHEMA_VERSION."""
    data = to_dict(make_record())
    assert data == json.loads(GOLDEN.read_text())
    assert data["schema_version"] == SCHEMA_VERSION


def test_schema_lists_every_record_field():
    data = to_dict(make_record())
    assert set(data) <= set(SCHEMA["properties"])
    for name, definition in [
        ("event", "event"),
        ("actor", "actor"),
        ("place", "place"),
        ("time", "time"),
    ]:
        item = data[name + "s"][0]
        assert set(item) <= set(SCHEMA["$defs"][definition]["properties"]), name


def test_content_hash_ignores_whitespace_layout_only():
    assert content_hash("a  b\nc") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


offsets = st.integers(min_value=0, max_value=10_000)
texts = st.text(max_size=40)


@st.composite
def records(draw):
    text = draw(st.text(min_size=1, max_size=200))
    actors = draw(
        st.lists(
            st.builds(
                Actor,
                id=st.from_regex(r"a[0-9]{1,3}", fullmatch=True),
                name=texts,
                kind=st.sampled_from(["person", "armed_group", "state"]),
                country=st.none() | st.sampled_from(["IRQ", "NGA", "MLI"]),
                sectors=st.lists(st.sampled_from(["GOV", "MIL", "REB", "CVL"]), max_size=2),
                mentions=st.lists(st.builds(Mention, start=offsets, end=offsets), max_size=3),
                aliases=st.lists(texts, max_size=2),
                affiliation=st.none() | texts,
                source=st.none() | texts,
            ),
            max_size=3,
        )
    )
    times = draw(
        st.lists(
            st.builds(
                TimeSpan,
                id=texts,
                text=texts,
                start=offsets,
                end=offsets,
                value=st.none() | texts,
                type=st.sampled_from(["DATE", "DURATION"]),
                start_date=st.none() | st.dates(min_value=date(1900, 1, 1)),
                end_date=st.none() | st.dates(min_value=date(1900, 1, 1)),
                precision=st.sampled_from(["day", "week", "unknown"]),
            ),
            max_size=3,
        )
    )
    return DocumentRecord(
        doc_id=content_hash(text),
        text=text,
        actors=actors,
        times=times,
        published=draw(st.none() | st.dates()),
        title=draw(st.none() | texts),
    )


@settings(max_examples=60, deadline=None)
@given(records())
def test_round_trip_property(record):
    data = to_dict(record)
    assert from_dict(DocumentRecord, json.loads(json.dumps(data))) == record
