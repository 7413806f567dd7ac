"""The PLOVER GSR scorer on tiny hand-made cases, with exact expected numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.eval.plover import (
    GoldRecord,
    Prediction,
    expected_calibration_error,
    map_type,
    read_records,
    score,
)


def gold(
    type_: str,
    *,
    mode: str | None = None,
    src: str | None = "AAA",
    sector: str | None = None,
    tgt: str | None = None,
) -> GoldRecord:
    return GoldRecord("id", "text", type_, type_, mode, src, sector, tgt)


def test_old_labels_are_mapped() -> None:
    assert map_type("DEMAND", "demanded") == "REQUEST"
    assert map_type("DISAPPROVE", "denounced") == "ACCUSE"
    assert map_type("INVESTIGATE", "probed") == "ACCUSE"
    assert map_type("FIGHT", "shelled") == "ASSAULT"
    assert map_type("FIGHT", "closed borders") == "COERCE"
    assert map_type("AGREE", "agreed") == "AGREE"


def test_score_exact_numbers() -> None:
    golds = [
        gold("ASSAULT", mode="firearms", src="AAA", sector="MIL", tgt="BBB"),
        gold("ASSAULT", src="CCC", tgt="DDD"),
        gold("PROTEST", mode="demo", src="EEE", sector="CVL"),
        gold("AGREE", src=None),
    ]
    preds = [
        Prediction("ASSAULT", "firearms", "AAA", ("MIL",), "BBB"),
        Prediction("PROTEST", None, "CCC", (), "XXX"),
        Prediction("PROTEST", "riot", "EEE", ("REB",), None),
        None,
    ]
    metrics, counts = score(golds, preds)
    assert metrics["type_accuracy"] == pytest.approx(2 / 4)
    # ASSAULT: tp1 fp0 fn1 -> 2/3; PROTEST: tp1 fp1 fn0 -> 2/3; AGREE: tp0 fn1 -> 0
    assert metrics["type_macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert metrics["actor_country_accuracy"] == pytest.approx(3 / 3)
    assert metrics["recipient_country_accuracy"] == pytest.approx(1 / 2)
    assert metrics["sector_accuracy"] == pytest.approx(1 / 2)
    assert metrics["mode_accuracy"] == pytest.approx(1 / 2)
    assert metrics["event_found_rate"] == pytest.approx(3 / 4)
    assert counts == {
        "records": 4,
        "with_source_code": 3,
        "with_target_code": 2,
        "with_source_sector": 2,
        "with_mode": 2,
    }


def test_read_records_skips_header_and_maps(tmp_path: Path) -> None:
    data = [
        {"event": "DOCUMENT", "text": "licence"},
        {
            "id": "r1",
            "event": "FIGHT",
            "eventText": "retaken village",
            "text": "Invented text one.",
            "source": [{"actorText": "X", "code": "JAP", "sector": "MILx"}],
            "target": "",
            "mode": "strike-hun",
        },
        {
            "id": "r1",
            "event": "DEMAND",
            "eventText": "demanded",
            "text": "Invented text two.",
            "source": "",
            "target": [{"actorText": "Y", "code": "igo"}],
            "mode": "",
        },
    ]
    path = tmp_path / "PLOVER_GSR_CAMEO.txt"
    path.write_text(json.dumps(data))
    recs = read_records(path)
    assert [r.type for r in recs] == ["COERCE", "REQUEST"]
    assert (
        recs[0].source_code == "JPN" and recs[0].source_sector == "MIL" and recs[0].mode == "hunger"
    )
    assert recs[1].source_code is None and recs[1].target_code == "IGO" and recs[1].mode is None


def test_expected_calibration_error_exact_numbers() -> None:
    # bin [0.9, 1.0]: mean confidence 0.95, 1 of 2 right -> gap 0.45 over 2 items;
    # bin [0.3, 0.4): confidence 0.3, right -> gap 0.7 over 1 item. (0.9 + 0.7) / 3.
    ece = expected_calibration_error([0.9, 1.0, 0.3], [True, False, True])
    assert ece == pytest.approx((2 * 0.45 + 0.7) / 3)
    assert expected_calibration_error([], []) == 0.0
    assert expected_calibration_error([0.75, 0.75, 0.75, 0.75], [True, True, True, False]) == 0.0
