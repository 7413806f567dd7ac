"""Near-duplicates: syndicated rewrites are linked, unrelated stories are not."""

from __future__ import annotations

import pytest

from factories import TEXT, make_record
from wirecoder import dedup
from wirecoder.store import EventQuery, open_store

STORY = (
    "TIMBUKTU, Mali (Synthetic Wire) - Gunmen on motorbikes raided a livestock market outside "
    "the town on Sunday, killing at least seven herders and driving off hundreds of cattle, "
    "local officials said. The invented Dune Riders Front claimed the raid in a statement. "
    "Residents said the attackers arrived at dawn and fired into the crowd before setting "
    "stalls on fire. The army said it had sent reinforcements to the area and opened an "
    "inquiry. Aid workers said dozens of families had fled toward the river."
)
REWRITE = (
    "Seven herders killed in Mali market raid\\n\\n"
    + STORY.replace("at least seven", "seven").rsplit(" Aid workers", 1)[0]
    + " (Distributed by the Example Newswire.)"
)
OTHER = (
    "GOMA, DR Congo (Synthetic Wire) - Hundreds of students marched to the provincial "
    "assembly on Monday to demand the reopening of the university, which has been closed for "
    "three weeks after a strike by lecturers over unpaid salaries, organisers said."
)


def test_rewrite_is_similar_and_unrelated_is_not():
    sig = dedup.signature(STORY)
    assert dedup.similarity(sig, dedup.signature(REWRITE)) >= dedup.NEAR_DUPLICATE_THRESHOLD
    assert dedup.similarity(sig, dedup.signature(OTHER)) < 0.2
    assert dedup.similarity(sig, sig) == 1.0


def test_signature_is_stable_and_serialisable():
    sig = dedup.signature(STORY)
    assert dedup.Signature.from_bytes(sig.to_bytes()).values.tolist() == sig.values.tolist()
    assert dedup.band_keys(sig) == dedup.band_keys(dedup.signature(STORY))
    assert len(dedup.band_keys(sig)) == dedup.BANDS


@pytest.mark.parametrize("text", ["", "one two"])
def test_short_texts_do_not_crash(text):
    assert len(dedup.band_keys(dedup.signature(text))) == dedup.BANDS


def test_store_links_a_near_copy_and_can_leave_it_out(tmp_path):
    with open_store(tmp_path / "s.db") as store:
        run = store.begin_run(command="ingest", pipeline="t")
        original = make_record(STORY, origin="wire.txt")
        copy = make_record(REWRITE, origin="reprint.html")
        other = make_record(OTHER + " " + TEXT, origin="other.txt")
        store.put_batch([(r.origin, r) for r in (original, copy, other)], [], run_id=run)
        assert store.stats().near_duplicates == 1
        events = {e.doc_id: e for e in store.events(EventQuery())}
        assert events[copy.doc_id].near_duplicate_of == original.doc_id
        assert events[other.doc_id].near_duplicate_of is None
        kept = {e.doc_id for e in store.events(EventQuery(skip_near_duplicates=True))}
        assert kept == {original.doc_id, other.doc_id}
