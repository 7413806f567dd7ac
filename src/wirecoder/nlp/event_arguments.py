"""Event arguments: the actor and recipient tokens of a candidate, from the parse.

Verb triggers take subjects and objects (:mod:`.event_syntax`); noun triggers their
possessor, "by X" and the subject of a light verb ("staged a protest"); "on behalf of Y"
makes Y the actor; an instrument or a victim is no actor; a frame verb's complement and the
speaker of "X said Y must ..." fill the slots the trigger leaves empty.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import load_cues
from .event_coder import Candidate
from .event_syntax import (
    RECIPIENT_PREPS,
    closes_quote,
    counted,
    expand_conjuncts,
    goal_recipients,
    infinitive_objects,
    is_argument,
    participle_agents,
    protest_phrase_head,
    protest_targets,
    small_clause_patients,
    verb_objects,
    verb_subjects,
)

__all__ = ["NON_LIGHT_VERBS", "SPEECH_LEMMAS", "arguments"]

# the subject of "a roadside bomb killed" is an instrument, not an actor
INSTRUMENT_LEMMAS = frozenset(
    {"bomb", "device", "explosive", "explosion", "blast", "shell", "rocket", "missile", "mine"}
    | {"landmine", "grenade", "mortar", "artillery", "ied", "bullet", "shelling", "sack", "bag"}
    | {"vehicle", "car", "truck", "drone"}
)
# event nouns as subjects ("a bombing killed", "US drone strikes killed"): not actors
# themselves; their modifiers may name who is behind them
EVENT_SUBJECT_NOUNS = frozenset(
    {"attack", "bombing", "explosion", "blast", "strike", "airstrike", "raid", "shelling"}
    | {"ambush", "assault", "offensive", "clash", "fighting", "fire", "gunfire", "violence"}
    | {"operation", "bombardment", "barrage", "crossfire"}
)
# verbs whose subject is the thing that went off: "the device exploded"
INSTRUMENT_VERBS = frozenset({"explode", "detonate", "blow", "go"})
# verbs whose object is what is fired, not who is hit: "fired artillery at the town"
PROJECTILE_VERBS = frozenset({"fire", "launch", "shoot", "lob", "drop", "hurl", "throw"})
MUNITIONS = INSTRUMENT_LEMMAS | {
    "shot", "round", "gas", "canister", "salvo", "volley", "projectile", "stone", "rock",
    "gunfire", "weapon", "munition", "ammunition", "flare", "barrel",
}  # fmt: skip
# verbs whose subject is the victim: "five fighters died"
PATIENT_SUBJECT_VERBS = frozenset({"die", "perish", "drown"})
# verbs whose subject, with no object, undergoes the act: "the crossing could reopen" (the
# army reopened the crossing)
ERGATIVE_VERBS = frozenset({"reopen", "open", "close", "shut", "resume"})
# adjectival participles whose "subject" is the one who holds the stance: "X is opposed to Y"
STATIVE_PARTICIPLES = frozenset(
    {"opposed", "committed", "prepared", "determined", "obliged", "resolved", "ready", "willing"}
)
# verbs of perception or attitude do not lend their subject to an event noun ("saw bombings")
NON_LIGHT_VERBS = frozenset(
    {"see", "witness", "fear", "report", "condemn", "deny", "blame", "investigate", "recall"}
    | {"remember", "watch", "survive", "expect", "describe", "suffer", "experience", "avoid"}
    | {"prevent", "follow", "cover", "mark", "mourn", "say", "criticize", "criticise", "denounce"}
    | {"hear", "feel", "notice", "film", "photograph", "document", "record", "rule", "exclude"}
)
# verbs whose subject undergoes the act named by their object: "received death threats"
RECEIVING_VERBS = frozenset({"receive", "get", "face"})
# ACCUSE: the accused comes after "over/about/against", the addressee after "to"
ACCUSED_PREPS = frozenset({"over", "about", "against", "for"})
# "the attack was carried out/committed by X": X is the doer of the event noun
# "the killings were carried out by X", "the strike was called by X": X did them
PERPETRATION_VERBS = frozenset(
    {
        "carry",
        "commit",
        "perpetrate",
        "conduct",
        "execute",
        "stage",
        "call",
        "launch",
        "mount",
        "organise",
        "organize",
        "hold",
        "lead",
    }
)
NOUN_RECIPIENT_PREPS = frozenset({"on", "against", "with", "of", "to", "for"})
# how a clause under "must" climbs to the one who said it: "issued a warning that X must go"
SPEAKER_PATH_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "dobj", "acomp"})
SPEECH_LEMMAS = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "deny", "quote"}
)


def _speaker(verb: Token) -> list[Token]:
    """Return the subject of the speech verb above ``verb`` ("X said Y must go" -> X)."""
    node = verb
    while node.head.i != node.i and node.dep_ in SPEAKER_PATH_DEPS:
        node = node.head
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ not in ("dobj", "attr"):
            return []  # "the order that X must go" as a subject: no speaker in the clause
        if node.pos_ not in ("NOUN", "PROPN") and (
            node.lemma_ in SPEECH_LEMMAS or node.dep_ == "ROOT"
        ):
            return verb_subjects(node)
    return []


def _noun_arguments(noun: Token, exclude: list[Token]) -> tuple[list[Token], list[Token]]:
    other_sides: list[Token] = []
    phrase_head = protest_phrase_head(noun)
    if phrase_head is not None:  # "residents held a vigil in protest at X": they protest X
        doers = verb_subjects(phrase_head) if phrase_head.pos_ in ("VERB", "AUX") else []
        return expand_conjuncts(doers), expand_conjuncts(protest_targets(phrase_head))
    actors = [
        c
        for c in noun.children
        if c.dep_ in ("poss", "compound")
        and c.pos_ in ("PROPN", "NOUN")
        and c not in exclude
        and is_argument(c)  # not "24-hour" in "a 24-hour hunger strike"
    ]
    recipients: list[Token] = []
    # "fighting broke out between X and Y": the sides hang on the verb of occurrence
    occurs = noun.dep_ == "nsubj" and noun.head.lemma_.lower() in load_cues().occurrence_verbs
    dyads = [c for c in noun.head.children if c.dep_ == "prep"] if occurs else []
    for prep in [*noun.children, *dyads]:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            # "fighting between X and Y", "talks between X and Y": a dyad, X to Y (PLOVER)
            sides = expand_conjuncts(p for p in prep.children if p.dep_ == "pobj")
            actors.extend(sides[:1])
            recipients.extend(sides[1:])
            other_sides = sides[1:]
        elif prep.head.i != noun.i:
            continue  # the verb's other prepositions say when and where
        elif prep.dep_ == "prep" and prep.lower_ in NOUN_RECIPIENT_PREPS | {"by"}:
            pobjs = [p for p in prep.children if p.dep_ == "pobj"]
            (actors if prep.lower_ == "by" else recipients).extend(pobjs)
    head = noun.head
    if (received := _received(noun)) is not None:
        return received[0], received[1] + recipients
    # "staged a cattle raid": a common noun on the trigger may be the kind of act, not its
    # doer; the light verb's subject comes after it and linking decides
    kinds_only = all(a.dep_ == "compound" and a.pos_ == "NOUN" for a in actors)
    if (
        kinds_only
        and noun.dep_ in ("dobj", "attr")
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.lower() not in NON_LIGHT_VERBS
    ):
        actors += verb_subjects(head)  # light verb: "staged a protest", "launched an attack"
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "with"):
                recipients += [p for p in prep.children if p.dep_ == "pobj"]
    named = any(is_argument(r) for r in recipients)  # "on Sunday" names no one
    if not named and head.pos_ in ("VERB", "AUX") and noun.dep_ in ("dobj", "attr"):
        # "began a hunger strike to protest against X", "staged a sit-in in protest at X"
        recipients = goal_recipients(head) + expand_conjuncts(
            [
                *protest_targets(noun),
                # "a hunger strike to protest against X"
                *infinitive_objects(noun, deps=("acl", "relcl")),
            ]
        )
    if not actors and noun.dep_ == "nsubjpass" and head.lemma_.lower() in PERPETRATION_VERBS:
        # "the killings were carried out by X": X did them
        actors = [p for a in head.children if a.dep_ == "agent" for p in a.children]
    doers = [a for a in expand_conjuncts(actors) if a not in other_sides]
    return doers, expand_conjuncts(recipients)


def _received(noun: Token) -> tuple[list[Token], list[Token]] | None:
    """Return (givers, receivers) when ``noun`` is what someone received, else None.

    "the candidates received death threats (from X)": X threatens the candidates.
    """
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in RECEIVING_VERBS:
        return None
    givers = [
        p
        for holder in (noun, verb)
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ == "from"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return expand_conjuncts(givers), expand_conjuncts(verb_subjects(verb))


def _doers(token: Token) -> list[Token]:
    """Return who is behind an event noun used as a subject ("Israeli air strikes killed").

    Any other token is returned as it is; an event noun with no named doer gives none.
    """
    if token.lemma_.lower() not in EVENT_SUBJECT_NOUNS:
        return [token]
    named = [
        c
        for c in token.children
        if (c.dep_ in ("poss", "compound") and c.pos_ == "PROPN")
        or (c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG"))
    ]
    named += [  # "US drone attacks": a name on a modifier of the event noun
        t
        for c in token.children
        if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN")
        for t in c.children
        if t.dep_ in ("compound", "amod", "nmod")
        and (t.ent_type_ in ("NORP", "GPE", "ORG") or t.pos_ == "PROPN")
    ]
    return named + [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "by"
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _principals(token: Token) -> list[Token]:
    """Return Y of "on behalf of Y" attached to the trigger, if any."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "on":
            continue
        for behalf in prep.children:
            if behalf.lower_ == "behalf":
                return expand_conjuncts(
                    p
                    for of in behalf.children
                    if of.dep_ == "prep" and of.lower_ == "of"
                    for p in of.children
                    if p.dep_ == "pobj"
                )
    return []


def arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    """Return (actor tokens, recipient tokens) of a candidate, from the dependency parse."""
    actors, recipients = _raw_arguments(cand)
    actors = _principals(cand.token) or actors  # "X signed on behalf of Y": Y acts
    actors = [d for a in actors for d in _doers(a)]
    actors, recipients = [counted(a) for a in actors], [counted(r) for r in recipients]
    lemma = cand.token.lemma_.lower()
    if (
        lemma in INSTRUMENT_VERBS
        and not cand.extra_tokens  # "workers went on strike": a phrase, not a device
        and not any(c.dep_ == "dobj" for c in cand.token.children)
    ):
        actors = []  # "the device exploded": what went off is not who set it off
    elif lemma in PATIENT_SUBJECT_VERBS and cand.token.pos_ in ("VERB", "AUX"):
        actors, recipients = [], actors + recipients
    elif (
        lemma in ERGATIVE_VERBS
        and cand.token.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("dobj", "nsubjpass", "agent") for c in cand.token.children)
    ):
        actors, recipients = [], actors + recipients  # "the schools reopened"
    actors = [
        a
        for a in actors
        if is_argument(a)
        and a.lemma_.lower() not in MUNITIONS
        and not _past_quote_end(cand.token, a)
    ]
    recipients = [
        r
        for r in recipients
        if is_argument(r) and r not in cand.extra_tokens and not _past_quote_end(cand.token, r)
    ]
    if lemma in PROJECTILE_VERBS:  # "fired artillery and mortars at the town": the town
        recipients = [r for r in recipients if not _fired_munition(r, cand.token)]
    recipients = _without_scene(cand.token, recipients)
    return actors, recipients


def _past_quote_end(trigger: Token, arg: Token) -> bool:
    """Return whether ``arg`` comes after the end of the quotation ``trigger`` is in.

    '"... we ask the authorities to release them," the charity's director said': the parser
    can make the speaker an object of "ask"; a quotation closed by a comma ends the clause.
    """
    return any(closes_quote(t) for t in trigger.doc[trigger.i + 2 : arg.i])


def _without_scene(verb: Token, recipients: list[Token]) -> list[Token]:
    """Return the recipients less the place "at" which an act with an object of its own
    happened: "my son was arrested at a market", "killed two guards at the bank". What
    is fired or set off stays no object ("detonated a bomb at the church": the church)."""
    objects = [
        r
        for r in recipients
        if r.dep_ in ("dobj", "nsubjpass")
        and r.head.i == verb.i
        and r.lemma_.lower() not in MUNITIONS
    ]
    if not objects:
        return recipients
    return [
        r
        for r in recipients
        if not (r.dep_ == "pobj" and r.head.lower_ == "at" and r.head.head.i == verb.i)
    ]


def _fired_munition(token: Token, verb: Token) -> bool:
    """Return whether ``token`` is a munition that ``verb`` fires: its object (or passive
    subject) or a conjunct of it.

    "rocket fire against X" stays: its prepositions lead to the target.
    """
    if token.lemma_.lower() not in MUNITIONS:
        return False
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    # "any shots had been fired by police": the passive subject too; "heard six shots fired"
    if token in small_clause_patients(verb):
        return True
    return token.dep_ in ("dobj", "nsubjpass") and token.head.i == verb.i


def _raw_arguments(cand: Candidate) -> tuple[list[Token], list[Token]]:
    token = cand.token
    if token.dep_ == "amod" and (received := _received(token.head)) is not None:
        return received  # "received threatening calls": the callers threaten the receivers
    if token.dep_ == "xcomp" and token.tag_ == "VBG" and token.head.lemma_ in RECEIVING_VERBS:
        return [], verb_subjects(token.head)  # the same, as the parser often reads it
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_arguments(token, cand.extra_tokens)
    if cand.obligation:
        return _speaker(token), verb_subjects(token)
    if token.lower_ in STATIVE_PARTICIPLES and any(c.dep_ == "nsubjpass" for c in token.children):
        # "X is opposed to Y": the grammatical passive subject holds the stance
        holders = expand_conjuncts(c for c in token.children if c.dep_ == "nsubjpass")
        others = [o for o in verb_objects(token) if o not in holders]
        return holders, others
    actors, recipients = verb_subjects(token), verb_objects(token)
    if cand.entry is not None and cand.entry.inverse:
        # "received aid from X": "from" on the verb or on what was received
        holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
        givers = [
            p
            for holder in holders
            for c in holder.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
        ]
        return expand_conjuncts(givers), actors
    for extra in cand.extra_tokens:  # "opened fire on X": the object's own prepositions
        for prep in extra.children:
            if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPS:
                recipients += expand_conjuncts(p for p in prep.children if p.dep_ == "pobj")
        recipients += participle_agents(extra)  # "broke up a protest staged by X"
    if cand.type == "ACCUSE":  # "complained to X over Y's raids": Y is accused, X addressed
        recipients = _accused_first(token, recipients)
    retreat = cand.entry is not None and cand.entry.type == "RETREAT"
    if cand.type == "RETREAT" or retreat:  # "withdraw troops from X": X is who it concerns
        left = [
            p
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        recipients = expand_conjuncts(left) + [r for r in recipients if r not in left]
    recipients = [r for r in recipients if r not in cand.extra_tokens and r not in actors]
    consult = cand.type == "CONSULT" or (cand.entry is not None and cand.entry.type == "CONSULT")
    if not consult and not any(is_argument(r) for r in recipients):
        # "meet in March to approve the budget": what a meeting is for is its topic, not
        # whom it is aimed at
        recipients += [r for r in goal_recipients(token) if r not in actors]
    if cand.type == "THREATEN":  # "warned that its fighters would attack X": who is to act
        recipients = [  # in a threat is not its target (verb_objects takes them for "allowed")
            r for r in recipients if not (r.dep_ == "nsubj" and r.head.head.i == token.i)
        ]
    # later candidates, used when the ones before name no actor (linking decides)
    if cand.entry is not None and cand.entry.governs:
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if cand.type != "THREATEN":
            # "demanded that the government end curbs": the one asked is the clause's subject
            recipients += [s for c in clauses for s in verb_subjects(c) if s not in actors]
        # "demanded that control of X be handed over": the passive subject
        recipients += expand_conjuncts(
            s for c in clauses for s in c.children if s.dep_ == "nsubjpass"
        )
    if cand.type == "REQUEST":  # "insisted on its demands that the government grant ...": the
        # one asked is the subject of the noun's "that" clause
        recipients += [
            s
            for clause in _demand_clauses(token)
            for s in verb_subjects(clause)
            if s not in actors and s not in recipients
        ]
    for inner in cand.complements:  # "threatened to attack X": X is the recipient of the threat
        theirs = [r for r in arguments(inner)[1] if r not in actors and r not in recipients]
        noun = inner.token
        if (
            noun.pos_ in ("NOUN", "PROPN")
            and inner.type not in SPEECH_ACT_TYPES
            and any(r.i != noun.i and noun.is_ancestor(r) for r in theirs)
        ):
            # "demanded the withdrawal of federal forces": the forces, not the withdrawal; a
            # request rejected stays ("rejected a U.S. request to ...": whose request it is)
            recipients = [r for r in recipients if r.i != noun.i]
        recipients += theirs
    return actors, recipients


#: types of a complement noun that is itself said or asked by someone ("a U.S. request"): a
#: participant of the verb it completes, unlike an act asked for ("the withdrawal of X")
SPEECH_ACT_TYPES = frozenset(
    {"REQUEST", "AGREE", "REJECT", "CONSULT", "ACCUSE", "SUPPORT", "THREATEN"}
)
#: nouns of a demand whose "that" clause says what is asked of whom
DEMAND_NOUNS = frozenset({"demand", "call", "request", "appeal", "insistence", "ultimatum"})


def _demand_clauses(verb: Token) -> list[Token]:
    """Return the "that" clauses of demand nouns the verb governs ("insisted on its demands
    that X grant ...", "repeated its call that X withdraw")."""
    nouns = [c for c in verb.children if c.dep_ == "dobj"] + [
        p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
    ]
    return [
        clause
        for noun in nouns
        if noun.lemma_.lower() in DEMAND_NOUNS
        for clause in noun.children
        if clause.dep_ in ("acl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
    ]


def _accused_first(verb: Token, recipients: list[Token]) -> list[Token]:
    accused = expand_conjuncts(
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ACCUSED_PREPS
        for p in c.children
        if p.dep_ == "pobj"
    )
    if verb.lemma_.lower() == "blame":  # "blamed the deaths on troublemakers": they are blamed
        on = [
            p
            for holder in (verb, *(c for c in verb.children if c.dep_ == "dobj"))
            for c in holder.children
            if c.dep_ == "prep" and c.lower_ == "on"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if on:
            blamed_for = {c.i for c in verb.children if c.dep_ == "dobj"}
            accused = expand_conjuncts(on) + accused
            recipients = [r for r in recipients if r.i not in blamed_for]
    addressed = {
        p.i
        for c in verb.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "to"
        for p in c.children
    }
    rest = [r for r in recipients if r.i not in addressed and r not in accused]
    return rest + accused + [r for r in recipients if r.i in addressed]
