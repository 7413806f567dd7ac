"""The ontology data files load, validate, and report bad user files with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.errors import DataFileError, ErrorCode
from wirecoder.ontology import load_ontology
from wirecoder.ontology.loader import DATA_DIR

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_bundled_ontology_has_the_16_types() -> None:
    onto = load_ontology()
    assert set(onto.types) == PLOVER_TYPES
    assert onto.types["ASSAULT"].quad == 4
    assert onto.types["CONSULT"].modes["visit"].name == "visit"
    assert "terrorism" in onto.contexts
    assert "REB" in onto.sectors and "UAF" in onto.sectors
    assert len(onto.triggers) > 300


def test_codes_map_type_and_mode() -> None:
    onto = load_ontology()
    codes = onto.codes("ASSAULT", "aerial")
    assert codes.quad == 4
    assert codes.cameo_root == "19"  # CAMEO 195 "employ aerial weapons" (CAMEO2PLOVER table)
    assert codes.acled_event_type == "Explosions/Remote violence"
    assert codes.acled_sub_event_type == "Air/drone strike"
    assert onto.codes("ACCUSE", "allege").plover_score == -3.5
    assert onto.codes("CONSULT").acled_event_type is None


def test_every_exemplar_type_and_mode_is_known() -> None:
    onto = load_ontology()
    assert {e.type for e in onto.exemplars} == PLOVER_TYPES
    for ex in onto.exemplars:
        assert ex.mode is None or ex.mode in onto.types[ex.type].modes


def test_lexicon_index_puts_specific_entries_first() -> None:
    entries = load_ontology().triggers_by_lemma()["open"]
    assert entries[0].with_  # "open fire" before bare "open"


def test_user_folder_extends_triggers(tmp_path: Path) -> None:
    line = {"lemma": "zorble", "type": "ASSAULT", "mode": "beat", "confidence": 0.9}
    (tmp_path / "triggers.jsonl").write_text(json.dumps(line) + "\n")
    onto = load_ontology(tmp_path)
    assert onto.triggers_by_lemma()["zorble"][0].type == "ASSAULT"


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('{"lemma": "x", "type": "FIGHT", "confidence": 0.5}', "unknown event type"),
        ('{"lemma": "x", "type": "ASSAULT", "mode": "nope", "confidence": 0.5}', "not a mode"),
        ('{"lemma": "x", "type": "ASSAULT", "confidence": 2}', "confidence"),
        ('{"lemma": "x", "type": "ASSAULT", "confidence": 0.5, "oops": 1}', "unknown keys"),
        ("{not json", "line 2"),
    ],
)
def test_bad_trigger_lines_name_file_and_line(tmp_path: Path, line: str, needle: str) -> None:
    (tmp_path / "triggers.jsonl").write_text("# a comment\n" + line + "\n")
    with pytest.raises(DataFileError) as info:
        load_ontology(tmp_path)
    assert info.value.code is ErrorCode.W502
    assert "triggers.jsonl" in str(info.value)
    assert needle in str(info.value)


def test_bad_plover_json_is_reported(tmp_path: Path) -> None:
    (tmp_path / "plover.json").write_text(
        '{"types": {"NEWTYPE": {"definition": "d", "quad": 7, "score": 0, "modes": {}}}}'
    )
    with pytest.raises(DataFileError, match="quad"):
        load_ontology(tmp_path)


def test_bundled_files_are_valid_json() -> None:
    for path in DATA_DIR.glob("*.json"):
        json.loads(path.read_text())


def test_mode_cameo_root_overrides_the_type_root() -> None:
    ontology = load_ontology()
    assert ontology.codes("ASSAULT", "firearms").cameo_root == "19"
    assert ontology.codes("ASSAULT", "unconventional").cameo_root == "20"
    assert ontology.codes("ASSAULT", "abduct").cameo_root == "18"
    assert ontology.codes("ACCUSE", "investigate").cameo_root == "09"
    assert ontology.codes("ASSAULT").cameo_root == "18"


def test_trigger_dependency_constraints_are_validated(tmp_path: Path) -> None:
    (tmp_path / "triggers.jsonl").write_text(
        '{"lemma": "tell", "type": "REQUEST", "confidence": 0.5, "with_dep": "xcomp"}\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError):
        load_ontology(tmp_path)
