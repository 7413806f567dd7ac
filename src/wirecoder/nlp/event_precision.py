"""Precision filters: candidates that mention an event without reporting one.

An analyst would rather miss a background mention than see an invented event: modifiers and
unused weapons, references after "after/since/during", generic or habitual plurals, purpose
clauses, repeats of an event already coded, background relative clauses and headlines that
the lead reports again are not coded (docs/ontology.md, "Precision").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Event
from .cues import load_cues
from .event_arguments import NON_LIGHT_VERBS, arguments
from .event_coder import Candidate
from .event_conventions import ActorLinker, merge_touching
from .event_counts import quantity
from .event_syntax import SUBJECT_DEPS, clause_verb, is_protest_target, verb_subjects

__all__ = [
    "DOER_MENTIONS_KEY",
    "is_background_noun",
    "is_descriptive",
    "is_past_habit",
    "is_prediction",
    "is_repeated_mention",
    "names_earlier_doer",
    "without_headline_repeats",
]

# a weapon is an event only as the doer ("a bomb ripped through") or when used ("threw a
# grenade"); "recovered rifles and a grenade launcher" reports no attack
WEAPON_NOUNS = frozenset(
    {"bomb", "grenade", "mine", "landmine", "rocket", "missile", "mortar", "device", "ied"}
)
WEAPON_USE_VERBS = frozenset(
    {"plant", "throw", "hurl", "lob", "fire", "launch", "detonate", "drop", "explode", "set"}
)
# a noun event after these prepositions refers back to an event, it does not report one
BACKGROUND_PREPS = frozenset(
    {"after", "since", "before", "during", "following", "amid", "despite", "until", "ahead"}
)
# "has seen repeated attacks", "frequent clashes": a series in the background, not one event
SERIES_ADJECTIVES = frozenset(
    {"repeated", "frequent", "regular", "numerous", "sporadic", "occasional", "recurrent"}
    | {"periodic", "past", "previous", "earlier", "recent", "similar"}
)
HABITUAL_ADVERBS = frozenset(
    {"rarely", "seldom", "often", "frequently", "usually", "regularly", "repeatedly", "sometimes"}
)
# the lead sentences that may repeat a headline's events
HEADLINE_LEAD_SENTENCES = 3
#: participles on a noun that say who someone is ("the men accused of a killing", "an armed
#: group opposed to the government"), not what they did in this report
LABEL_PARTICIPLES = frozenset(
    {"accuse", "suspect", "charge", "convict", "blame", "wanted", "oppose"}
)
#: heads of a relative clause that name nobody in particular ("anyone who kidnaps workers")
GENERIC_HEADS = frozenset(
    {"anyone", "anybody", "everyone", "everybody", "whoever", "whomever", "those", "all"}
)
#: determiners that make any noun such a head ("any group that attacks civilians")
GENERIC_DETERMINERS = frozenset({"any", "every", "whichever", "whatever"})
#: modals of what may happen, not of what one will do ("warned that fighting could resume")
POSSIBILITY_MODALS = frozenset({"could", "may", "might", "can"})


def is_background_noun(cand: Candidate, verb_types: set[str]) -> bool:
    """Return whether a noun trigger only mentions an event instead of reporting one.

    Such nouns: a modifier of a non-event noun ("a bomb disposal unit"); a reference after
    "after/since/during ..." ("after the fighting"); a generic plural ("has rarely seen
    bombings"); a habitual one; or a repeat of a verb event of the same type in the sentence
    ("killed ... in the deadliest attack on the city"), unless the noun names its own actor.
    """
    token = cand.token
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.dep_ == "compound":
        return True
    if (
        token.lemma_.lower() in WEAPON_NOUNS
        and token.dep_ not in ("nsubj", "nsubjpass")
        and token.head.lemma_.lower() not in WEAPON_USE_VERBS
    ):
        return True
    actors, recipients = arguments(cand)
    if actors:
        return False
    if cand.type in verb_types or is_protest_target(token):
        return True  # "in protest at the shelling": what was protested is referred to
    if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
        return not recipients
    if any(a.dep_ == "advmod" and a.lower_ in HABITUAL_ADVERBS for a in token.head.children):
        return True
    if token.tag_ in ("NNS", "NNPS") and any(
        c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.lower_ in ("several", "many"))
        for c in token.children
    ):
        return True  # "at least a dozen kidnappings since 2023": a tally, not one event
    determined = any(c.dep_ in ("det", "poss", "nummod") for c in token.children)
    if token.tag_ not in ("NNS", "NNPS") or determined:
        return False
    if any(c.dep_ == "amod" and c.lower_ in SERIES_ADJECTIVES for c in token.children):
        return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in NON_LIGHT_VERBS:
        return True  # "the region has seen attacks on villages"
    return not recipients and token.dep_ in ("dobj", "pobj", "conj", "attr")


def is_repeated_mention(cand: Candidate, seen_types: set[str]) -> bool:
    """Return whether a bare definite noun ("the blast") refers back to an event coded before.

    A claim of responsibility for it is kept: it is news about the event.
    """
    token = cand.token
    if cand.type not in seen_types:
        return False
    if token.pos_ in ("VERB", "AUX", "ADJ"):
        # "everyone detained on Wednesday", "the men who died": a reduced or relative clause
        # that describes people by an act already reported
        if token.dep_ not in ("acl", "amod", "relcl") or (
            token.dep_ == "relcl" and arguments(cand)[0]
        ):
            return False
        return token.dep_ != "relcl" or token.head.pos_ in ("NOUN", "PROPN", "PRON")
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return False
    if any(a.lemma_.lower() in ("responsibility", "claim") for a in token.ancestors):
        return False
    actors, recipients = arguments(cand)
    return not actors and not recipients


def without_headline_repeats(doc: Doc, events: list[Event]) -> list[Event]:
    """Return the events without those of the headline that the lead reports again.

    "Bomb blast at market kills 12" then "At least 12 people were killed when ...": one
    event, coded from the lead, which says more. A headline is a first line with no final
    punctuation, followed by a line break (the parser may join it to the dateline).
    """
    text = doc.text
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0].rstrip()
    if not line or "\n" not in stripped or line[-1] in ".!?\"'”’:":
        return events
    headline_end = len(text) - len(stripped) + len(line)
    sent_ends = [s.end_char for s in doc.sents if s.end_char > headline_end]
    if not sent_ends:
        return events
    lead_end = sent_ends[min(HEADLINE_LEAD_SENTENCES, len(sent_ends)) - 1]
    lead = {e.type for e in events if headline_end <= e.trigger.start < lead_end}
    return [e for e in events if e.trigger.start >= headline_end or e.type not in lead]


#: ``doc.user_data`` key: an event's trigger offset -> the token of the later mention that
#: named its doer ("the killings were carried out by X")
DOER_MENTIONS_KEY = "wirecoder.doer_mentions"


def names_earlier_doer(
    cand: Candidate, events: list[Event], linker: ActorLinker, seen_types: set[str]
) -> bool:
    """Give the doer named for "the killings" to the earlier event it refers back to.

    "Three drivers were shot dead. ... the killings were carried out by X": X becomes the
    actor of the shooting (when it has none, or only unidentified perpetrators) and no new
    event is coded. Return whether the candidate was used up that way.
    """
    token = cand.token
    if (
        cand.type not in seen_types
        or token.pos_ not in ("NOUN", "PROPN")
        or not any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children
        )
    ):
        return False
    if _denied_or_alleged(token):
        return False  # "X denied carrying out the killings": X's denial, no word of the report's
    found = (linker.argument(t) for t in arguments(cand)[0])
    actors = merge_touching([a for a in found if a.actor], token.doc)
    earlier = next((e for e in reversed(events) if e.type == cand.type), None)
    if not actors or earlier is None:
        return False
    if earlier.actor and not all(linker.is_unknown(a.actor) for a in earlier.actor):
        return False
    earlier.actor = actors
    earlier.reason = (earlier.reason or "") + f"; actor from a later mention '{token.text}'"
    # who names the doer may not be who reports the act: the attribution component reads it
    token.doc.user_data.setdefault(DOER_MENTIONS_KEY, {})[earlier.trigger.start] = token.i
    return True


def _denied_or_alleged(token: Token) -> bool:
    """Return whether the nearest reporting verb above ``token`` denies or alleges it.

    "The Front denied carrying out the killings", "Relatives accused the Front of carrying
    out the killings": the Front is not the doer the earlier report names; the mention is an
    event of its own, denied or alleged, with its own source.
    """
    reporting = load_cues().reporting
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in reporting:
            return reporting[ancestor.lemma_.lower()] in ("allegation", "denial")
    return False


def is_descriptive(cand: Candidate) -> bool:
    """Return whether an act only describes who someone is, as background.

    "X, a federal official who attended the meeting", "one of the elders who mediated": a
    relative clause on an apposition presents a source; "fighters who rejected a deal in
    2019": a relative clause dated years back is history. Neither is news of this report.
    """
    verb = clause_verb(cand.token)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in LABEL_PARTICIPLES:
        return True  # "the men accused of a killing in May": who they are, not a new charge
    if _self_description(verb):
        return True
    if verb.dep_ != "relcl" or (cand.type == "ASSAULT" and _counted_victims(verb)):
        return False
    noun = verb.head
    if noun.dep_ == "appos" or (noun.dep_ == "pobj" and noun.head.head.dep_ == "appos"):
        return True
    return any(_past_year(t) for t in verb.subtree if t.ent_type_ == "DATE")


def _self_description(verb: Token) -> bool:
    """Return whether ``verb`` is what someone, presented in apposition, says they always do.

    "X, a militia that says it defends local communities": the simple present under a
    present "says" in a relative clause on the apposition is how the group describes
    itself. "a spokesman who said the group had attacked the base" stays: that is a claim.
    """

    def present(token: Token) -> bool:
        return token.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in token.children
        )

    saying = verb.head
    if verb.dep_ != "ccomp" or saying.dep_ != "relcl" or not (present(verb) and present(saying)):
        return False
    noun = saying.head
    return noun.dep_ == "appos" or (noun.dep_ == "pobj" and noun.head.head.dep_ == "appos")


def is_generic(cand: Candidate) -> bool:
    """Return whether an act is said of anyone who would do it, not reported as done.

    "We will not negotiate with anyone who kidnaps workers", "those who finance terrorism",
    "any group that attacks civilians", "whoever attacks a school": a relative clause in the
    simple present on a head that names nobody in particular is a rule, not an event. The
    past stays ("those who attacked the convoy were arrested" names the attackers).
    """
    verb = clause_verb(cand.token)
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in ("whoever", "whomever") for c in verb.children):
        return True
    if verb.dep_ != "relcl":
        return False
    head = verb.head
    if head.tag_ == "NNS" and not any(
        c.dep_ in ("det", "poss", "nummod", "amod") and c.pos_ != "NOUN" for c in head.children
    ):
        return True  # a bare plural: "attack fishing boats that cooperate with the authorities"
    return head.lower_ in GENERIC_HEADS or any(
        c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in head.children
    )


def is_past_habit(cand: Candidate) -> bool:
    """Return whether an act is told as what happened "in the past", not as news.

    "The plant has received threats in the past", "the group has attacked convoys in the
    past": acts on a bare plural, background to the report, not an event of it. "In the
    past, rebels attacked the town of X" tells one act and stays.
    """
    verb = clause_verb(cand.token)
    doc = verb.doc
    done_to = [cand.token] if cand.token.pos_ == "NOUN" else []
    done_to += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not any(_bare_plural(t) for t in done_to):
        return False  # "in the past, rebels attacked the town of X": one act, told as such
    return any(  # by the words: "in the past and maximum security" parses "past" as an adjective
        prep.dep_ == "prep"
        and prep.lower_ == "in"
        and [t.lower_ for t in doc[prep.i + 1 : prep.i + 3]] == ["the", "past"]
        for holder in (verb, cand.token)
        for prep in holder.children
    )


def _bare_plural(token: Token) -> bool:
    """Return True for a plural noun with no determiner or number ("threats", "convoys")."""
    return token.tag_ == "NNS" and not any(
        c.dep_ in ("det", "nummod", "poss") for c in token.children
    )


def _counted_victims(verb: Token) -> bool:
    """Return whether a clause counts victims ("whose fighting has killed 15 people")."""
    return any(c.dep_ == "dobj" and quantity(c) is not None for c in verb.children)


def _past_year(token: Token) -> bool:
    """Return whether a date token is a year or "years ago" ("in 2019", "two years ago")."""
    return (token.like_num and len(token.text) == 4) or token.lower_ in ("ago", "years")


def is_prediction(cand: Candidate, linker: ActorLinker) -> bool:
    """Return whether a warning foretells what others may do, which threatens nobody.

    "Elders warned that fighting could resume", "officials warned that the group could try
    to regroup", "warned that it would not be able to go ahead": the warner does not say what
    it will do to anyone. Kept as threats: a warning with no clause ("warned residents to stay
    indoors"), a passive with no agent ("warned that any school that opened would be
    burned"), what the warner or its own people will do ("we will strike", "its fighters
    would respond"), and another party's act under "will/would" ("warned that security
    forces would act"), which is most often the warner's forces.
    """
    cues = load_cues()
    token = cand.token
    if cand.type != "THREATEN" or token.lemma_.lower() not in cues.warning_verbs:
        return False
    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
    if not subjects or subjects[0].lower_ in cues.first_person:
        return False
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" for c in clause.children)
    unable = negated and (
        "can" in aux or any(c.lemma_ == "able" for c in clause.children)
    )  # "would not be able to go ahead", "cannot continue"
    subject = subjects[0]
    doer = linker.argument(subject).actor
    warners = {linker.argument(w).actor for w in verb_subjects(token)} - {None}
    if doer is not None and doer in warners and not unable:
        return False
    if doer is None and subject.pos_ == "PRON":
        return unable  # "it", "they" of no known actor: may be the warner's own
    return unable or doer is None or bool(aux & POSSIBILITY_MODALS) or not aux
