"""Actors from entities and role nouns, with merging, affiliation, anaphora and countries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirecoder.api import Extractor
from wirecoder.config import Settings
from wirecoder.errors import DataFileError
from wirecoder.nlp.actor_dictionary import load_actor_dictionary
from wirecoder.records import Actor, DocumentRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors")))


def by_name(record: DocumentRecord, text: str) -> Actor:
    for actor in record.actors:
        if any(record.text[m.start : m.end] == text for m in actor.mentions) or actor.name == text:
            return actor
    raise AssertionError(f"no actor for {text!r}: {[a.name for a in record.actors]}")


def test_dictionary_lookups() -> None:
    d = load_actor_dictionary()
    assert d.lookup_name("the United Nations").code == "IGO"  # type: ignore[union-attr]
    assert d.lookup_name("U.S.").country == "USA"  # type: ignore[union-attr]
    assert d.lookup_name("us") is None  # acronyms are case-sensitive
    assert d.demonym("Nigerians") == "NGA"
    assert d.role("soldier").sector == "MIL"  # type: ignore[union-attr]
    assert d.role("gunman").sector == "UAF"  # type: ignore[union-attr]


def test_demonym_and_role_nouns(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Nigerian soldiers clashed with gunmen while Kenyan police watched. "
        "The Iraqi interior ministry said journalists were detained."
    )
    soldiers = by_name(rec, "Nigerian soldiers")
    assert (soldiers.country, soldiers.sectors, soldiers.kind) == ("NGA", ["MIL"], "military")
    assert by_name(rec, "Kenyan police").country == "KEN"
    assert by_name(rec, "Kenyan police").sectors == ["COP"]
    ministry = by_name(rec, "The Iraqi interior ministry")
    assert (ministry.country, ministry.sectors) == ("IRQ", ["GOV"])
    assert by_name(rec, "gunmen").sectors == ["UAF"]
    assert by_name(rec, "journalists").sectors == ["JRN"]


def test_worked_example_person_affiliation_and_anaphora(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Local officials in Mosul said that last week a senior commander of the Northern Brigades, "
        "Karim Haddad, met tribal leaders in Tal Afar. The group's spokesman denied that it had "
        "received weapons from abroad. Haddad left the next day."
    )
    group = by_name(rec, "the Northern Brigades")
    assert group.kind == "armed_group" and "REB" in group.sectors
    person = by_name(rec, "Karim Haddad")
    assert person.kind == "person" and person.affiliation == group.id
    assert "REB" in person.sectors and person.country == "IRQ"
    assert any(
        rec.text[m.start : m.end] == "Haddad" for m in person.mentions
    )  # name variant merged
    texts = {rec.text[m.start : m.end] for m in group.mentions}
    assert {"The group", "it"} <= texts  # recency rule
    spokesman = by_name(rec, "The group's spokesman")
    assert spokesman.affiliation == group.id
    leaders = by_name(rec, "tribal leaders")
    assert leaders.sectors == ["ELI"] and leaders.country == "IRQ"
    assert "place named in the sentence" in (leaders.source or "")  # "met ... in Tal Afar"
    assert by_name(rec, "Local officials").country == "IRQ"


def test_title_gives_person_sector_and_country(extractor: Extractor) -> None:
    rec = extractor.extract("Velmoran President Dario Venn met Portuguese President Tomas Ekvall.")
    ekvall = by_name(rec, "Tomas Ekvall")
    assert ekvall.country == "PRT" and ekvall.sectors == ["GOV"]


def test_ids_are_in_text_order(extractor: Extractor) -> None:
    rec = extractor.extract("The UN and NATO criticised Britain.")
    assert [a.id for a in rec.actors] == [f"a{i}" for i in range(1, len(rec.actors) + 1)]
    starts = [min(m.start for m in a.mentions) for a in rec.actors]
    assert starts == sorted(starts)
    assert by_name(rec, "UN").kind == "igo"


def test_user_dictionary_extends_bundled(tmp_path: Path) -> None:
    path = tmp_path / "extra.jsonl"
    path.write_text(
        json.dumps(
            {
                "type": "organisation",
                "names": ["Zorblan Guard"],
                "kind": "armed_group",
                "sectors": ["REB"],
                "country": "NGA",
            }
        )
        + "\n"
    )
    d = load_actor_dictionary((path,))
    assert d.lookup_name("the Zorblan Guard").country == "NGA"  # type: ignore[union-attr]


def test_bad_user_dictionary_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type": "role", "lemmas": ["x"], "kind": "alien", "sector": "CVL"}\n')
    with pytest.raises(DataFileError, match="line 1"):
        load_actor_dictionary((path,))


def test_a_title_holder_of_a_country(extractor: Extractor) -> None:
    rec = extractor.extract(
        "King Hassan Menar of Morocco met Spanish officials in Madrid and Seville."
    )
    king = next(a for a in rec.actors if a.name.endswith("Menar"))
    assert king.country == "MAR"


def test_a_country_inside_an_organisation_name(extractor: Extractor) -> None:
    rec = extractor.extract("The Kenya Lake Fishermen Association demanded new rules.")
    group = next(a for a in rec.actors if "Association" in a.name)
    assert group.country == "KEN"


def test_an_international_official_gets_no_dominant_country(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Arab League Secretary-General Omar Dalil urged Egypt and Sudan to talk."
    )
    envoy = next(a for a in rec.actors if a.name.endswith("Dalil"))
    assert envoy.country is None and "IGO" in envoy.sectors


@pytest.fixture(scope="module")
def with_events() -> Extractor:
    return Extractor(Settings(components=("entities", "places", "actors", "events")))


def _doer(rec: DocumentRecord, trigger: str) -> tuple[str, str | None]:
    """Return the text and actor id of the first doer of the event with ``trigger``."""
    event = next(e for e in rec.events if e.trigger.text == trigger)
    return event.actor[0].text, event.actor[0].actor


def _actor_id(rec: DocumentRecord, name: str) -> str:
    return next(a.id for a in rec.actors if a.name == name)


def test_they_in_what_plural_speakers_say_is_the_speakers(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Residents said the insurgents had killed at least three civilians. Two aid groups "
        "said they had suspended operations in Macomia."
    )
    # not "at least three civilians", the last plural actor before the pronoun
    text, actor = _doer(rec, "suspended")
    assert text == "they" and actor != _actor_id(rec, "at least three civilians")
    rec = with_events.extract("Fighters of the Tarn Guard said they had attacked the convoy.")
    assert _doer(rec, "attacked")[1] == _actor_id(rec, "Fighters")


def test_they_who_commit_armed_violence_are_the_armed_side(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Gunmen stormed the village of Tarnby on Sunday. Residents said they burned houses "
        "and drove away cattle."
    )
    # the residents speak; the gunmen burned
    assert _doer(rec, "burned")[1] == _actor_id(rec, "Gunmen")
    # an armed speaker is itself the doer
    rec = with_events.extract(
        "Militants attacked a checkpoint near Tarnby. The army said they killed ten of them."
    )
    assert _doer(rec, "killed")[1] == _actor_id(rec, "The army")
    # one official is not "they"
    rec = with_events.extract(
        "The attackers arrived at about 10 a.m., as traders were gathering at the market, "
        "according to a local official. “They fired into the crowd,” he said."
    )
    assert _doer(rec, "fired")[1] == _actor_id(rec, "The attackers")


def test_they_in_what_a_spokesman_says_is_the_body_he_speaks_for(with_events: Extractor) -> None:
    rec = with_events.extract(
        "A spokesman for the Tarn Guard denied that its fighters had attacked civilians and "
        "said they had clashed with soldiers."
    )
    # not "civilians", the last plural actor before the pronoun
    assert _doer(rec, "clashed")[1] == _actor_id(rec, "the Tarn Guard")


def test_an_association_is_an_actor_that_speaks_for_itself(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Troops of the Kesh Guard would patrol the bus terminals. The drivers' association "
        "said it would not lift the strike."
    )
    # not the Kesh Guard, the last group named before
    assert _doer(rec, "lift")[1] == _actor_id(rec, "The drivers' association")


def test_his_is_one_person_named_by_a_role(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Anja Roslev, a trader, accused the police of ignoring a warning. The state governor "
        "will visit the wounded on Thursday, his office said, and has ordered the market closed."
    )
    # "his" is the governor, not the last named person; and the market is one recipient
    ordered = next(e for e in rec.events if e.trigger.text == "ordered")
    assert [a.actor for a in ordered.actor] == [_actor_id(rec, "The state governor")]
    assert [r.text for r in ordered.recipient] == ["the market"]


def test_the_group_is_no_one_person(with_events: Extractor) -> None:
    rec = with_events.extract(
        "The Tarn Guard, an armed group, dismissed the sanctions. A relative said Piet Marrow "
        "was a businessman who had never supported any armed group. The group has threatened "
        "to attack the port."
    )
    # "a businessman" is a role of the business sector, but one man: not "the group"
    assert _doer(rec, "threatened")[1] != _actor_id(rec, "a businessman")


def test_it_of_a_speaker_that_is_no_actor_is_no_outlet(with_events: Extractor) -> None:
    rec = with_events.extract(
        "According to a police report seen by the Valde Courier, gunmen seized two engineers. "
        "In a statement, the group said it was holding the engineers."
    )
    assert by_name(rec, "Valde Courier").kind == "media"
    # "the group" is no actor here: "it" is no one, not the newspaper
    assert _doer(rec, "holding")[1] is None


def test_it_in_what_a_groups_spokesman_says_is_the_group(with_events: Extractor) -> None:
    rec = with_events.extract(
        "The Tarn Guard seized two engineers. The group's spokesman said it was holding them."
    )
    assert _doer(rec, "holding")[1] == _actor_id(rec, "The Tarn Guard")


def test_it_is_no_outlet_named_in_passing(with_events: Extractor) -> None:
    rec = with_events.extract(
        "The Tarn Liberation Front imposed a blockade on the town. In an audio message shared "
        "on social media, a man who said he was a commander of the group said it would strike "
        "every vehicle."
    )
    assert _doer(rec, "strike")[1] == _actor_id(rec, "Tarn Liberation Front")


def test_a_capital_placed_in_another_country_is_that_country(extractor: Extractor) -> None:
    rec = extractor.extract(
        "TRIPOLI, Lebanon, 18 July 2023 -- Drivers blocked the main roads into Tripoli, "
        "Lebanon's second city, on Tuesday."
    )
    # the dictionary knows Tripoli as Libya's capital; the places component put it in Lebanon
    assert "Libya" not in {a.name for a in rec.actors}
    assert {"LBN"} == {a.country for a in rec.actors if a.kind == "state"}
    rec = extractor.extract("Tripoli said on Monday that it had closed the border with Tunisia.")
    assert "Libya" in {a.name for a in rec.actors}


def test_a_group_named_like_a_person_or_a_place(with_events: Extractor) -> None:
    # the tagger calls "Jabhat Sahil" a person and "The Liptako Vanguard" a place
    rec = with_events.extract(
        "Jabhat Sahil, an armed group, claimed the attack. Its money moved through a fishing "
        "company in Kismayo. The group has threatened to attack fishing boats."
    )
    sahil = next(a for a in rec.actors if "Sahil" in a.name)
    assert sahil.kind == "armed_group"
    # "the group" is the armed group, not the company named last
    assert _doer(rec, "threatened")[1] == sahil.id
    rec = with_events.extract(
        "TIMBUKTU, Mali, April 12 -- The Liptako Vanguard has announced a blockade of the "
        "roads into Timbuktu. In an audio message, a man who identified himself as a "
        "commander of the group said it would strike every vehicle."
    )
    assert "Liptako Vanguard" not in {p.text for p in rec.places}
    assert _doer(rec, "strike")[1] == _actor_id(rec, "Liptako Vanguard")


def test_they_is_no_state_named_by_its_places(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Police in Valde seized explosives in Korso district of Kesh province, and said "
        "they had also found a car fitted with two bombs."
    )
    assert not any(
        a.kind == "state" and "they" in {rec.text[m.start : m.end] for m in a.mentions}
        for a in rec.actors
    )


def test_names_the_tagger_calls_organisations_or_misses(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Taras Ostend, a spokesman for the Korso regional administration, said shells hit the "
        "town. Ostend said the volunteer group Kesh Helping Hands would provide buses and "
        "had asked the authorities for an escort."
    )
    # "Taras Ostend" (tagged as an organisation) is a person by his apposition, one actor
    assert [a.kind for a in rec.actors if "Ostend" in a.name] == ["person"]
    # "the volunteer group" describes the name after it: no anaphor, the group is an actor
    helpers = next(a for a in rec.actors if a.name == "Kesh Helping Hands")
    assert _doer(rec, "provide")[1] == helpers.id


def test_the_syndicate_is_the_last_body_of_that_name(with_events: Extractor) -> None:
    rec = with_events.extract(
        "The Tarn Liberation Front attacked a convoy near Korso. The Korso Drivers' Syndicate "
        "called a strike. The energy ministry agreed to meet the syndicate's leaders on "
        "Thursday. The syndicate said it would continue the strike."
    )
    syndicate = next(a for a in rec.actors if a.name == "Korso Drivers' Syndicate")
    texts = {rec.text[m.start : m.end] for m in syndicate.mentions}
    assert {"The syndicate", "the syndicate"} <= texts  # not the armed group named first
    leaders = next(a for a in rec.actors if a.name == "the syndicate's leaders")
    assert leaders.kind == "organisation"


def test_they_in_a_clause_of_time_are_the_plural_subject_before(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Soldiers killed five men near Kidal, residents said. The army denied that the men "
        "were civilians, saying all five were armed when they died."
    )
    # "they" are the five, no actor: not the civilians, not the army
    assert all("they" not in {rec.text[m.start : m.end] for m in a.mentions} for a in rec.actors)


def test_the_coalition_with_none_named_before_is_no_anaphor(with_events: Extractor) -> None:
    rec = with_events.extract(
        "A drone strike killed eight people at a wedding in Saada, local medics said. The "
        "coalition denied carrying out any strikes in the area."
    )
    medics = next(a for a in rec.actors if a.name == "local medics")
    assert "The coalition" not in {rec.text[m.start : m.end] for m in medics.mentions}


def test_they_who_speak_of_what_they_seized_are_the_seizers(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Police in Valde arrested four men in Korso district and seized a vest and explosives "
        "that they said were meant for an attack on a rally."
    )
    police = next(a for a in rec.actors if a.kind == "police")
    assert "they" in {rec.text[m.start : m.end] for m in police.mentions}


def test_it_in_what_a_group_says_is_the_group(with_events: Extractor) -> None:
    rec = with_events.extract(
        "Members of the Frente Cordillera Libre abducted two engineers near Suárez. In a "
        "statement sent to local radio stations, the group said it was holding the engineers."
    )
    # "the group" is not the radio stations the statement went to, and "it" is the group
    assert _doer(rec, "holding")[1] == _actor_id(rec, "Frente Cordillera Libre")


def test_a_region_tagged_as_a_body_is_no_organisation(extractor: Extractor) -> None:
    rec = extractor.extract(
        "An air strike on a village in Myanmar's Sagaing region killed 11 people on Sunday. "
        "The Sagaing People's Shield, an armed group, accused the military of targeting "
        "civilians. Communications in much of Sagaing have been cut since late last year. "
        "The Sagaing People's Shield said it would retaliate against military bases."
    )
    # the tagger calls the second "Sagaing" an organisation: it is the region
    assert "Sagaing" not in {a.name for a in rec.actors}
    shield = by_name(rec, "The Sagaing People's Shield")
    assert "it" in {rec.text[m.start : m.end] for m in shield.mentions}


def mentions_of(rec: DocumentRecord, name: str) -> set[str]:
    actor = next(a for a in rec.actors if a.name == name)
    return {rec.text[m.start : m.end] for m in actor.mentions}


def test_she_and_he_refer_to_a_person_of_that_gender(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Lena Varga, a teacher in Goma, was detained on Monday, her sister said. A police "
        "spokesman, Tomas Ekvall, said she was being questioned over a protest."
    )
    assert "she" in mentions_of(rec, "Lena Varga")
    assert "she" not in mentions_of(rec, "Tomas Ekvall")
    rec = extractor.extract(
        "Mr Tomas Ekvall, the mayor, was detained on Monday, relatives said. A police "
        "spokeswoman, Lena Varga, said he was being questioned over a protest."
    )
    assert "he" in mentions_of(rec, "Tomas Ekvall")
    assert "he" not in mentions_of(rec, "Lena Varga")


def test_they_prefer_the_subject_to_a_prepositional_object_after_it(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "The detainees were handed over to the Borno state government at a ceremony in "
        "Maiduguri. Some of them had been held for more than four years, relatives said."
    )
    assert "them" in mentions_of(rec, "The detainees")
    # an object of the verb itself stays the nearer referent
    rec = extractor.extract("Police arrested two men in Goma. They were charged with robbery.")
    assert "They" in mentions_of(rec, "two men")


def test_an_object_pronoun_is_not_the_subject_of_its_clause(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The defence ministry said armed bandits had attacked the market in Tera and that "
        "army units had pursued them towards the border, killing several of them."
    )
    assert "them" in mentions_of(rec, "armed bandits")
    assert all("them" not in mentions_of(rec, a.name) for a in rec.actors if "army" in a.name)


def test_a_possessor_in_the_subject_may_be_the_object(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Officials detained two women in Herat. He said their families had been allowed to "
        "visit them."
    )
    assert "them" in mentions_of(rec, "two women")


def test_an_object_them_is_an_actor_named_lately_or_no_one(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The protesters blocked the main road in Kaya before gendarmes persuaded them to "
        "leave, witnesses said. No one was hurt, a gendarmerie officer said. The relief group "
        "that runs the distributions said it had halted them on Thursday."
    )
    halted = rec.text.rindex("them")
    assert all(m.start != halted for a in rec.actors for m in a.mentions)  # the distributions
    assert "them" in mentions_of(rec, "The protesters")  # "persuaded them to leave"


def test_the_statement_that_acts_is_its_author(extractor: Extractor) -> None:
    rec = extractor.extract(
        "In a statement sent to local radio stations on Monday, the Korso Free Front said it "
        "was holding the engineers. The statement warned that their safety could not be "
        "guaranteed."
    )
    assert "The statement" in mentions_of(rec, "Korso Free Front")
    # with no statement named before, "the statement" is no one's
    rec = extractor.extract("The statement warned that the engineers' safety was at risk.")
    assert all("The statement" not in mentions_of(rec, a.name) for a in rec.actors)


@pytest.mark.parametrize(
    ("text", "mention", "actor"),
    [
        # the object of an infinitive is not who is asked to do it
        (
            "Police in Herat detained two aid workers on Monday. The Kesh Relief Fund asked "
            "the authorities to release them.",
            "them",
            "two aid workers",
        ),
        # relatives are people a pronoun may name
        (
            "No members of the security forces were hurt, the police said. Relatives said "
            "the kidnappers had telephoned them to demand a ransom.",
            "them",
            "Relatives",
        ),
        # a document signed by a group that acts is the group
        (
            "Banners signed by the Korso Youth Front and hung from bridges on Tuesday warned "
            "residents to stay indoors after dark.",
            "Banners",
            "Korso Youth Front",
        ),
    ],
)
def test_who_a_phrase_stands_for(extractor: Extractor, text: str, mention: str, actor: str) -> None:
    assert mention in mentions_of(extractor.extract(text), actor)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            '"Our staff have done nothing wrong. We ask the authorities to release them," '
            "the director of the Kesh Relief Fund said in a statement.",
            "Kesh Relief Fund",
        ),
        (
            '"We will hold the town until the army leaves," the Brel Front said on Monday.',
            "Brel Front",
        ),
    ],
)
def test_a_quoted_we_is_the_body_its_speaker_speaks_for(
    extractor: Extractor, text: str, body: str
) -> None:
    rec = extractor.extract(text)
    names = mentions_of(rec, body)
    assert all(w in names for w in (["Our", "We"] if "Our" in text else ["We"])), names


def test_we_without_a_speaker_is_no_one(extractor: Extractor) -> None:
    rec = extractor.extract("The Brel Front attacked Korso. We do not know why.")
    assert all("We" not in mentions_of(rec, a.name) for a in rec.actors)


def test_a_name_after_a_plural_article_is_a_group(extractor: Extractor) -> None:
    # tagged a place, or a person, by the small model
    rec = extractor.extract(
        "The fighting between La Hermandad del Valle and Los Lobos Grises began on Monday. "
        "Los Lobos Grises denied in a video posted online that it had started the violence."
    )
    group = next(a for a in rec.actors if a.name == "Los Lobos Grises")
    assert group.kind != "person" and "it" in mentions_of(rec, "Los Lobos Grises")


def test_an_organisation_its_apposition_calls_armed_is_an_armed_group(
    extractor: Extractor,
) -> None:
    rec = extractor.extract(
        "Members of the Frente Sierra Libre, an armed group that operates in the mountains, "
        "abducted two engineers near Suarez. The Kesh Bridge Company said work had stopped. "
        "Relatives appealed to the group to free the men."
    )
    front = next(a for a in rec.actors if a.name == "Frente Sierra Libre")
    assert front.kind == "armed_group" and "the group" in mentions_of(rec, front.name)


def test_later_mentions_of_an_organisation_by_part_of_its_name(extractor: Extractor) -> None:
    rec = extractor.extract(
        "The United Korso Treasury on Wednesday imposed sanctions on three men it accused of "
        "raising money for Jabhat Sahil, an armed group that has carried out attacks on "
        "Somali troops. The Treasury said the men had moved money to the group. Jabhat "
        "Sahil claimed responsibility for an attack on a military base near Kismayo."
    )
    group = next(a for a in rec.actors if a.name == "Jabhat Sahil")
    assert sum(rec.text[m.start : m.end] == "Jabhat Sahil" for m in group.mentions) == 2
    assert not any(a.kind == "person" for a in rec.actors)
    assert "Treasury" in mentions_of(rec, "United Korso Treasury")


def test_she_after_one_of_the_women_is_one_of_them(extractor: Extractor) -> None:
    rec = extractor.extract(
        "Police in Herat detained two women who work for the Kesh Relief Fund. A spokesman for "
        "the governor, Mawlawi Karim Saberi, said they were being questioned. Relatives of one "
        "of the detained women said they did not know where she was being held."
    )
    women = next(a for a in rec.actors if "she" in mentions_of(rec, a.name))
    assert "women" in women.name and women.kind != "person", women
