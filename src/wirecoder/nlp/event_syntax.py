"""Clause-level parse helpers for event arguments: subjects, objects, purposes, numbers.

Subject or passive agent = actor; object, passive subject and "with/on/against/to" objects =
recipients; coordination expands both; relative clauses and control verbs inherit subjects;
numbers give way to what they count ("thousands of X"); dates, times and bare numbers are
never arguments. A purpose clause or "in protest against X" names whom an act is aimed at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Token

from ..ingest.dateline import parse_dateline
from .cues import is_reporting_verb, load_cues
from .event_coder import NON_EVENT_ENTITIES

__all__ = [
    "QUOTE_CLOSERS",
    "RECIPIENT_PREPS",
    "SUBJECT_DEPS",
    "clause_verb",
    "closes_quote",
    "counted",
    "dateline_span",
    "expand_conjuncts",
    "goal_recipients",
    "infinitive_objects",
    "is_argument",
    "is_protest_target",
    "is_purpose_clause",
    "participle_agents",
    "phrasal_lemma",
    "protest_phrase_head",
    "protest_targets",
    "reports_a_clause",
    "speech_act_head",
    "verb_objects",
    "verb_subjects",
]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# "in" is left out: "arrested in Kano" gives a place, not a recipient (see _located_recipients)
RECIPIENT_PREPS = frozenset(
    {"with", "on", "against", "to", "at", "into", "toward", "towards", "upon"}
)
CALENDAR_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"today", "yesterday", "tomorrow", "tonight", "overnight", "weekend"}
)
#: what an act is done on the grounds of, not to: "detained on suspicion of ...", "arrested on
#: charges of ...", "held on accusations of ..."
#: (word forms, not lemmas: the lemma of "bases" is "basis")
REASON_NOUNS = frozenset(
    {"suspicion", "suspicions", "charge", "charges", "accusation", "accusations", "allegation"}
    | {"allegations", "grounds", "basis", "order", "orders", "behalf"}
)
DATELINE_TOKENS = 8
QUANTITY_NOUNS = frozenset(
    {"scores", "dozens", "hundreds", "thousands", "tens", "millions", "handful", "number"}
    | {"several", "some", "many", "most", "none", "all", "each", "both", "few", "one"}
)
# "in protest against/at/over X"
PROTEST_TARGET_PREPS = frozenset({"against", "at", "over", "of"})


def expand_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """Return the tokens with their conjuncts, numbers replaced by what they count, and no
    dates, times or bare numbers."""
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            t = counted(t)
            if t not in out and t.pos_ not in ("VERB", "AUX") and is_argument(t):
                out.append(t)
    return out


def participle_agents(noun: Token) -> list[Token]:
    """Return X of "a protest staged by X", "a video released by X" (a reduced clause on the
    noun)."""
    return expand_conjuncts(
        p
        for acl in noun.children
        if acl.dep_ == "acl" and acl.tag_ == "VBN"
        for agent in acl.children
        if agent.dep_ == "agent"
        for p in agent.children
        if p.dep_ == "pobj"
    )


def _relative_head(token: Token) -> Token:
    """Return the antecedent of a relative pronoun ("the group, which attacked").

    Also through a reporting clause inside the relative clause: "a gang that residents said
    had demanded payments" (the pronoun is the subject of "demanded", a complement of "said").
    """
    if token.tag_ not in ("WDT", "WP"):
        return token
    clause = token.head
    for _ in range(2):
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            break
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" else token


def reports_a_clause(verb: Token) -> bool:
    """Return True for a verb with a complement clause ("denied that anyone was killed")."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def speech_act_head(verb: Token, reporting: Mapping[str, str] | None = None) -> Token | None:
    """Return the reporting verb whose speaker makes a speech act the parser put inside what
    that verb reports, else None.

    The parser often hangs the second of two reporting verbs on the first one's complement.
    A reporting verb with no subject of its own, conjoined to a verb that is not one inside
    another reporting verb's complement, is that reporting verb's speaker's second act when
    it takes a clause of its own ("the junta said soldiers fired shots and denied that anyone
    was killed": the junta denies) or when its tense parts it from the reported act ("he
    denied that the group had stopped aid and accused the army of shelling the road": he
    accused). Otherwise the parse is kept: "police said the suspects fled and denied
    involvement" (the suspects deny).
    """
    reporting = load_cues().reporting if reporting is None else reporting
    if verb.dep_ != "conj" or verb.lemma_.lower() not in reporting:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass" for c in verb.children):
        return None
    head = verb.head
    outer = head.head
    if (
        head.dep_ != "ccomp"
        or head.lemma_.lower() in reporting
        or outer.lemma_.lower() not in reporting
        or outer.i == head.i
    ):
        return None
    takes_clause = reports_a_clause(verb)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children)
    parted = perfect and head.tag_ == "VBN" and verb.tag_ == "VBD"
    return outer if takes_clause or parted else None


def aux_subjects(verb: Token) -> list[Token]:
    """Return the subjects the parser hung on the verb's auxiliary instead of the verb:
    "saying it had targeted members" (``it`` under ``had``)."""
    return [
        s
        for aux in verb.children
        if aux.dep_ == "aux" and aux.i < verb.i and aux.lemma_ != "be"  # "the issue will be"
        for s in aux.children
        if s.dep_ in SUBJECT_DEPS
    ]


def speakers_appeal(verb: Token) -> Token | None:
    """Return the reporting verb whose speaker makes an appeal the parser conjoined to what
    that speaker reports: "the governor said the army would launch an operation and called on
    residents to ...": the governor calls (an appeal verb, ``appeal_verbs``, in the past with
    no subject of its own, beside a verb with a modal: the tenses part them)."""
    head = verb.head
    if (
        verb.dep_ != "conj"
        or verb.tag_ != "VBD"
        or verb.lemma_.lower() not in load_cues().appeal_verbs
        or any(c.dep_ in SUBJECT_DEPS or c.dep_ == "nsubjpass" for c in verb.children)
        or head.dep_ != "ccomp"
        or not any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)
        or not is_reporting_verb(head.head, load_cues())
    ):
        return None
    return head.head


def verb_subjects(verb: Token) -> list[Token]:
    if (speaker := speech_act_head(verb) or speakers_appeal(verb)) is not None:
        return verb_subjects(speaker)
    if small_clause_patients(verb):
        return []  # "clashes left a dozen people injured": the people were injured
    subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] + aux_subjects(verb)
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return expand_conjuncts(agents)
    if subj:
        return expand_conjuncts(_relative_head(s) for s in subj)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    if any(c.dep_ == "auxpass" for c in verb.children):
        return []  # "traders feared being attacked": the inherited subject is the victim
    if _state_participle(verb):
        return []  # "mobile internet remained cut": the internet is what was cut
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL_LEMMAS:
        # "prompting the authorities to impose a curfew": the authorities impose it
        controllers = [c for c in verb.head.children if c.dep_ == "dobj"]
        if controllers:
            return expand_conjuncts(controllers)
    if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.i != verb.i:
        return verb_subjects(verb.head)  # "X is willing to ...": the subject of "is"
    if (prep := verb.head).dep_ == "prep" and verb.dep_ == "pcomp" and prep.lower_ in ("of", "for"):
        accused = _accused_object(prep.head)  # "accused X of carrying out the killing": X
        if accused:
            return accused
    if (  # "X resorted to throwing stones", "X is guilty of violating the truce"
        verb.dep_ == "pcomp"
        and verb.head.dep_ == "prep"
        and verb.head.head.pos_ in ("VERB", "AUX", "ADJ")
    ):
        return verb_subjects(verb.head.head)
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]
    if (
        verb.dep_ == "acl"
        and verb.head.dep_ in ("ROOT", "dep")
        and verb.head.left_edge.i == verb.head.sent.start
        and any(c.dep_ == "dobj" for c in verb.children)
    ):
        # "Gunmen on motorcycles killed nine people", parsed as a participle on "Gunmen": a
        # participle with an object of its own is the sentence's verb, and the noun its subject
        return [verb.head]
    return []


#: auxiliaries of a stated intent: "there will be no talks"
INTENT_AUX = frozenset({"will", "would", "wo", "'ll", "shall"})


def refused_act_noun(token: Token) -> bool:
    """Return whether ``token`` is an act that someone says will not take place: "there
    would be no negotiations with the group", "there will be no ceasefire". Said of one's own
    side, that is a refusal, not a denial that talks took place."""
    be, cues = token.head, load_cues()
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("attr", "nsubj")
        and any(c.dep_ == "det" and c.lower_ in cues.negation_determiners for c in token.children)
        and be.lemma_ == "be"
        and any(c.dep_ == "expl" for c in be.children)
        and any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in be.children)
    )


def refused_gerund(token: Token) -> bool:
    """Return whether ``token`` is a gerund that its governor rules out: "has ruled out paying
    ransoms", "excluded sending troops" (``refusal_governors``). A noun stays: "ruled out an
    attack" may judge that none took place."""
    if token.tag_ != "VBG" or token.dep_ not in ("xcomp", "dobj", "pcomp"):
        return False
    return phrasal_lemma(token.head) in load_cues().refusal_governors


def phrasal_lemma(verb: Token) -> str:
    """Return a verb's lemma with its particle, lower case: "ruled out" -> "rule out"."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{verb.lemma_.lower()} {particle}" if particle else verb.lemma_.lower()


def small_clause_patients(verb: Token) -> list[Token]:
    """Return the subject of a bare past participle completing another verb: "clashes left
    a dozen people injured", "found the guards shot": the participle is passive in sense, its
    subject the one it happened to. An auxiliary makes it a clause of its own."""
    if (
        verb.tag_ != "VBN"
        or verb.dep_ not in ("ccomp", "oprd", "xcomp")
        or verb.head.i == verb.i
        or any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children)
    ):
        return []
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS]


def _state_participle(verb: Token) -> bool:
    """Return whether ``verb`` is a past participle that a linking verb's subject is in the
    state of ("internet remained cut", "the border stayed closed", "schools were left
    shut"): the subject underwent the act, it did not do it."""
    return (
        verb.dep_ in ("acomp", "oprd", "xcomp")
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        and verb.head.lemma_.lower() in load_cues().linking_verbs
        and not any(c.dep_ == "agent" for c in verb.children)
    )


#: verbs whose object does what their infinitive says ("forced the villagers to leave")
OBJECT_CONTROL_LEMMAS = frozenset(
    {
        "ask",
        "urge",
        "order",
        "force",
        "compel",
        "allow",
        "permit",
        "prompt",
        "lead",
        "cause",
        "persuade",
        "tell",
        "instruct",
        "encourage",
        "invite",
        "help",
        "enable",
        "pressure",
        "push",
        "oblige",
        "require",
        "authorise",
        "authorize",
        "direct",
        "command",
        "warn",
        "advise",
        "want",
        "expect",
    }
)
#: verbs whose object is charged with the act after "of"/"for" ("accused X of killing")
CHARGING_LEMMAS = frozenset(
    {"accuse", "suspect", "blame", "charge", "convict", "condemn", "fault", "hold", "find"}
)


def _accused_object(head: Token) -> list[Token]:
    """Return X when ``head`` is "accused X" or the X of "accused X" ("accused X of doing")."""
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in CHARGING_LEMMAS:
        return expand_conjuncts(c for c in head.children if c.dep_ == "dobj")
    if head.dep_ == "dobj" and head.head.lemma_.lower() in CHARGING_LEMMAS:
        return expand_conjuncts([head])
    return []


def is_purpose_clause(token: Token) -> bool:
    """Return whether ``token`` heads a purpose clause ("deployed troops to prevent ...").

    The act is a goal of another act, not something the text reports as done.
    """
    return _bare_infinitive(token, deps=("advcl",))


def _bare_infinitive(token: Token, *, deps: tuple[str, ...]) -> bool:
    """Return whether ``token`` is a "to" infinitive with no subject, attached as one of ``deps``."""
    return (
        token.dep_ in deps
        and token.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    )


def infinitive_objects(head: Token, *, deps: tuple[str, ...]) -> list[Token]:
    """Return the objects of the subjectless "to" infinitives attached to ``head`` as ``deps``.

    "a hunger strike to protest against X" (acl), "used tear gas to disperse X" (advcl): X.
    """
    return [o for c in head.children if _bare_infinitive(c, deps=deps) for o in verb_objects(c)]


def _purpose_objects(verb: Token) -> list[Token]:
    """Return the objects of the verb's purpose clause ("used tear gas to disperse X" -> X)."""
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return infinitive_objects(verb, deps=("advcl", "xcomp") if has_object else ("advcl",))


def protest_phrase_head(token: Token) -> Token | None:
    """Return what the fixed phrase "in protest (against X)" hangs from, if ``token`` is its noun.

    "staged a sit-in in protest against X": the phrase says why "staged" happened; its noun
    is no event of its own.
    """
    if (
        token.lemma_.lower() == "protest"
        and token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and token.head.dep_ == "prep"
        and not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children)
    ):
        return token.head.head
    return None


def is_protest_target(token: Token) -> bool:
    """Return whether ``token`` is X of "in protest against/at/over X" (what was protested)."""
    prep = token.head
    if token.dep_ != "pobj" or prep.i == 0:
        return False
    protest = prep.head if prep.head.lemma_.lower() == "protest" else token.doc[prep.i - 1]
    return protest_phrase_head(protest) is not None and prep in _target_preps(protest)


def _target_preps(protest: Token) -> list[Token]:
    """Return the "against/at/over" of "in protest against X", on the noun or (a parse slip,
    "held a vigil in protest at X") on the clause right after it."""
    preps = [c for c in protest.children if c.dep_ == "prep"]
    after = protest.doc[protest.i + 1] if protest.i + 1 < len(protest.doc) else None
    if after is not None and after.dep_ == "prep" and after.head == protest.head.head:
        preps.append(after)
    return [p for p in preps if p.lower_ in PROTEST_TARGET_PREPS]


def protest_targets(token: Token) -> list[Token]:
    """Return X of "in protest against/at/over X" attached to ``token``."""
    return [
        target
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for protest in prep.children
        if protest.dep_ == "pobj" and protest.lemma_.lower() == "protest"
        for against in _target_preps(protest)
        for target in against.children
        if target.dep_ == "pobj"
    ]


def goal_recipients(verb: Token) -> list[Token]:
    """Return whom an act with no target of its own is aimed at, through its purpose.

    "used tear gas to disperse X", "went on strike in protest against X": X.
    """
    return expand_conjuncts([*_purpose_objects(verb), *protest_targets(verb)])


def verb_objects(verb: Token) -> list[Token]:
    # "offered troops to X", "gave X aid": the one given to comes before the thing given
    given_to = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    given_to += [
        p
        for c in verb.children
        if c.dep_ in ("prep", "dative") and c.lower_ == "to"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    objs = given_to + [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    if (
        verb.dep_ == "conj"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ in ("nsubjpass", *SUBJECT_DEPS) for c in verb.children)
    ):
        # "X split from a movement and has been blamed for attacks": X is blamed
        objs += [c for c in verb.head.children if c.dep_ in ("nsubjpass", *SUBJECT_DEPS)]
    if not objs:  # "denounced as a crime X's crackdown": the object moved after "as Y"
        objs = [
            a
            for prep in verb.children
            if prep.dep_ == "prep" and prep.lower_ == "as"
            for p in prep.children
            if p.dep_ == "pobj"
            for a in p.children
            if a.dep_ == "appos"
        ]
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in RECIPIENT_PREPS - {"to"}:
            objs += [p for p in prep.children if p.dep_ == "pobj" and p.lower_ not in REASON_NOUNS]
    if not objs and verb.dep_ == "acl" and verb.tag_ == "VBN":
        objs = [verb.head]  # "soldiers wounded in the attack"
    if not objs and _state_participle(verb):  # "the road stayed blocked": the road
        objs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if not objs:  # "left a dozen people injured"
        objs = small_clause_patients(verb)
    if (
        not objs
        and verb.dep_ == "xcomp"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and verb.head.pos_ in ("VERB", "AUX")
    ):
        objs = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]  # "feared being hit"
    if not objs:  # "allowed X to land", "forced X to leave": the subject of the complement
        objs = [
            s
            for c in verb.children
            if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
            for s in c.children
            if s.dep_ == "nsubj" and s.pos_ != "PRON"
        ]
    if not objs and _object_gap(verb):  # "150 people it had detained": the people
        objs = [verb.head]
    return expand_conjuncts(objs)


def _object_gap(verb: Token) -> bool:
    """Return whether a relative clause lacks its object: its noun is what the verb acts on.

    "the people it had detained" (the subject is there, the object is not), not "the group
    that attacked" (the pronoun is the subject) nor "the town where troops fought".
    """
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.tag_ not in ("WDT", "WP")
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "advmod") for c in children)
        and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        and not any(c.dep_ == "prep" and not list(c.children) for c in children)
    )


def dateline_span(doc: Doc) -> tuple[int, int]:
    """Return the character offsets of the text's opening dateline ((0, 0) if it has none).

    Read once per document ("BAHIR DAR, Ethiopia, Sept. 5, 2023 -- ...").
    """
    key = "wirecoder.dateline"
    if key not in doc.user_data:
        found = parse_dateline(doc.text)
        doc.user_data[key] = (found.start, found.end) if found is not None else (0, 0)
    span: tuple[int, int] = doc.user_data[key]
    return span


def _in_dateline(token: Token) -> bool:
    """Return whether ``token`` is part of the opening dateline ("GAO, Mali, Nov. 8 -- ...").

    Without a dateline the parse reads, a capitalised first word followed by a comma is one
    ("MOSUL, ..."), as before.
    """
    start, end = dateline_span(token.doc)
    if start <= token.idx < end:
        return True
    if token.i >= DATELINE_TOKENS or not token.is_upper or len(token.text) <= 3:
        return False
    doc, end = token.doc, token.i
    while end < len(doc) and doc[end].is_upper:
        end += 1
    return end < len(doc) and doc[end].text == "," and all(t.is_upper for t in doc[: token.i])


def counted(token: Token) -> Token:
    """Return what a number counts: "thousands of Kurds" -> Kurds; else the token itself."""
    if (
        token.pos_ == "NUM"
        or token.like_num
        or token.ent_type_ == "CARDINAL"
        or token.lower_ in QUANTITY_NOUNS
    ):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((p for p in prep.children if p.dep_ == "pobj"), token)
    return token


def is_argument(token: Token) -> bool:
    """Return whether a token can head an actor or recipient (not a date, time or number)."""
    return not (
        token.ent_type_ in NON_EVENT_ENTITIES
        or _in_dateline(token)
        # function words: "told X that both sides had agreed to hold talks" hangs "that" on
        # "hold" as its object
        or token.pos_ in ("NUM", "PUNCT", "SPACE", "SCONJ", "CCONJ", "PART", "ADP")
        or not any(ch.isalpha() for ch in token.text)  # the "-" of "al-Juma", tagged a name
        or token.like_num
        or token.lower_ in CALENDAR_WORDS
        or (token.dep_ == "pobj" and token.lower_ in REASON_NOUNS)
    )


#: closing quotation marks
QUOTE_CLOSERS = frozenset({'"', "”", "''", "'"})


def closes_quote(token: Token) -> bool:
    """Return whether ``token`` closes a quoted sentence: a quotation mark after a comma
    ('"... without delay," the director said')."""
    return token.text in QUOTE_CLOSERS and token.i > 0 and token.doc[token.i - 1].text == ","


def clause_verb(token: Token) -> Token:
    """Return the nearest verb above ``token`` (itself if it is one)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node
