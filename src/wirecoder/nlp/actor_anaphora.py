"""Anaphora: pronouns and "the group" as mentions of the most recent compatible actor.

Recency rule: he/she -> last person (named, or one person named by a role: "a local
official"); it/its and "the group" -> last organisation, group or state; they/them/their ->
last plural actor or group (not one person named by a role: "a local official ... “They
fired into the crowd,” he said" is not the official). Except that "they" as the subject of
armed violence ("residents said they burned houses") is the last armed actor named before,
when there is one and the speaker is not armed itself; and that "they" or "it" as the
subject of what a speaker of that number says ("the aid groups said they ...", "the group
said it ...") is that speaker. An expletive "it is ..." refers to nothing. The rules one by
one are in docs/actors.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..ontology.loader import Ontology
from .actor_drafts import Draft, DraftBook, noun_phrase
from .cues import is_reporting_verb, load_cues
from .event_syntax import QUOTE_CLOSERS, clause_verb, closes_quote, participle_agents

__all__ = [
    "NAMED_ANAPHORS",
    "described_name",
    "document_author",
    "is_group_anaphor",
    "person_nouns",
    "resolve_anaphor",
    "violent_lemmas",
]

GROUP_KINDS = frozenset(
    {
        "organisation",
        "armed_group",
        "party",
        "igo",
        "ngo",
        "media",
        "government",
        "military",
        "police",
        "state",
    }
)
#: "the group" is not a news outlet ("a statement sent to local radio stations ... the group said")
GROUP_ANAPHOR_KINDS = frozenset({"organisation", "armed_group", "party", "igo", "ngo"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
#: words that say a person is a man or a woman: a title in the name ("Mr", "Mawlawi") or the
#: noun the name stands beside ("a spokeswoman, Ana Ruiz"; "a woman from Bama")
MALE_WORDS = frozenset(
    {"mr", "mr.", "sir", "sheikh", "shaikh", "mawlawi", "maulvi", "mullah", "haji", "father"}
    | {"spokesman", "man", "boy", "son", "brother", "husband", "businessman", "chairman"}
    | {"congressman", "king", "prince", "uncle", "nephew", "grandfather", "monk", "abbot"}
)
FEMALE_WORDS = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "dame", "hajia", "sister", "mother"}
    | {"spokeswoman", "woman", "girl", "daughter", "wife", "businesswoman", "chairwoman"}
    | {"congresswoman", "queen", "princess", "aunt", "niece", "grandmother", "nun", "widow"}
)
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
THING_PRONOUNS = frozenset({"it", "its"})
#: "the syndicate" refers back only to a body of that name; with none named before it is a
#: body of its own ("the coalition denied carrying out any strikes", after "local medics said")
NAMED_ANAPHORS = frozenset({"syndicate", "union", "association", "alliance", "coalition"})
GROUP_ANAPHORS = (
    frozenset({"group", "organisation", "organization", "movement", "faction", "militia"})
    | NAMED_ANAPHORS
)
# an adjective after "it is" that makes "it" an agent, not an expletive: "it is willing to"
STANCE_ADJECTIVES = frozenset(
    {"willing", "ready", "prepared", "determined", "committed", "opposed", "able", "keen"}
    | {"eager", "unwilling", "reluctant", "happy", "open"}
)
#: nouns of people who speak for a body ("a spokesman for the X Forces", "the group's envoy")
SPOKESPERSONS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy", "negotiator"}
)
#: nouns of people who belong to a body ("a commander of the group", "a member of X")
MEMBER_NOUNS = SPOKESPERSONS | {"commander", "leader", "member", "official", "chief", "fighter"}
#: first-person plural pronouns: in a quotation, the body the speaker speaks for
WE_PRONOUNS = frozenset({"we", "us", "our"})
#: nouns of people who speak for their body when they say "we" ("the charity's director")
QUOTED_MEMBER_NOUNS = MEMBER_NOUNS | {
    "director",
    "head",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "coordinator",
    "secretary",
    "governor",
    "mayor",
    "minister",
}
#: kinds of actor that commit armed violence
ARMED_KINDS = frozenset({"armed_group", "military", "police", "unknown", "spy"})
#: ASSAULT verbs that unarmed people do too ("residents fought back", "the crowd clashed")
SHARED_VIOLENCE = frozenset(
    {"die", "fight", "battle", "clash", "retaliate", "avenge", "explode", "blast", "hurt"}
)
#: person nouns of the cue lexicon's source kinds that name a body, not one person
COLLECTIVE_SOURCE_NOUNS = frozenset({"authority", "authorities", "people", "staff", "one", "local"})
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "appos", "conj", "agent"}
)


def _the_group_word(token: Token) -> bool:
    """Return whether ``token`` is "the group" (or "the movement", "the militia", ...)."""
    return token.lemma_.lower() in GROUP_ANAPHORS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )


def document_author(book: DraftBook, token: Token) -> Draft | None:
    """Return who issued "the statement" that acts as a subject ("The statement warned ...",
    "Banners signed by X warned ...").

    The author is the speaker of the last earlier mention of that noun: the subject of the
    verb it depends on ("In a statement sent to radio stations, the group said ...": the
    group), or the agent of its participle ("a video released by the army"). "A statement
    from X" is X's and is linked as any phrase; with no earlier mention, no one.
    """
    lemma = token.lemma_.lower()
    if token.dep_ != "nsubj" or lemma not in load_cues().document_nouns:
        return None
    # "Banners signed by X warned residents ...": who signed them
    signed = [d for d in (book.covering(a) for a in participle_agents(token)) if d is not None]
    if signed:
        return signed[0]
    if not any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children
    ) or any(c.dep_ == "prep" and c.lower_ in ("from", "by", "of") for c in token.children):
        return None
    for earlier in reversed(book.doc[: token.i]):
        if earlier.lemma_.lower() != lemma or earlier.pos_ != "NOUN":
            continue
        verb = clause_verb(earlier)
        speakers = participle_agents(earlier) or [c for c in verb.children if c.dep_ == "nsubj"]
        drafts = [d for d in (book.covering(s) for s in speakers) if d is not None]
        return drafts[0] if drafts else None
    return None


def described_name(token: Token) -> Span | None:
    """Return the name "the group" describes ("the volunteer group Open Hands Relief"), if any."""
    if not _the_group_word(token):
        return None
    name = next(
        (c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > token.i),
        None,
    )
    return token.doc[name.left_edge.i : name.i + 1] if name is not None else None


def is_group_anaphor(token: Token) -> bool:
    """Return whether ``token`` is "the group" referring back, not describing a name after it."""
    return _the_group_word(token) and described_name(token) is None


def _speaker(token: Token) -> Token | None:
    """Return the noun that reports what the pronoun ``token`` did, when their numbers agree.

    In "two aid groups said they had suspended operations" and "the group said it was holding
    the engineers" the pronoun is the speaker, not the last actor of its kind mentioned before
    (the civilians of the sentence before; the radio stations the statement was sent to),
    whether or not the speaker is an actor.
    """
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
        return None
    cues = load_cues()
    if verb.head.lemma_.lower() not in cues.reporting:
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    if subject.lemma_.lower() in cues.document_nouns:
        return None  # "a statement said it had targeted ...": the statement's author
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    if token.lower_ in PLURAL_PRONOUNS and plural:
        return subject
    if token.lower_ in THING_PRONOUNS and not plural and subject.ent_type_ != "PERSON":
        return subject
    return None


def _body_spoken_for(book: DraftBook, token: Token) -> Draft | None:
    """Return the group a spokesperson speaks for, when "they"/"it" says what it did.

    "A spokesman for the X Forces denied that its fighters had attacked civilians and said
    they had clashed with soldiers": "they" is the X Forces, not the civilians.
    """
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ not in ("ccomp", "conj"):
        return None
    report = verb.head
    while report.dep_ == "conj" and report.head.i != report.i:
        report = report.head  # "denied that ... and said they ...": the subject is shared
    reporting = load_cues().reporting
    if report.lemma_.lower() not in reporting and verb.head.lemma_.lower() not in reporting:
        return None
    subject = next((c for c in report.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    # "a spokesman for X", "X's envoy", "a man who identified himself as a commander of X"
    members = [t for t in subject.subtree if t.lemma_.lower() in MEMBER_NOUNS]
    if subject.lemma_.lower() not in SPOKESPERSONS and not any(m.i != subject.i for m in members):
        return None
    return _body_of(book, members)


def _body_of(book: DraftBook, members: list[Token]) -> Draft | None:
    """Return the group the first of ``members`` ("a spokesman for X", "X's director") is of."""
    for member in members:
        for child in member.children:
            body = child
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                body = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ != "poss":
                continue
            draft = book.covering(body)
            if draft is not None and draft is book.covering(member):
                draft = None  # "the group's spokesman" read as one phrase: which group, then?
            if draft is None and is_group_anaphor(body):
                draft = last_group(book, body)
            if draft is not None and draft.kind in GROUP_KINDS:
                return draft
    return None


def _quoted_body(book: DraftBook, token: Token) -> Draft | None:
    """Return the group a quoted "we"/"us"/"our" speaks for.

    '"We ask the authorities to release them," the charity's director said': the charity;
    '"We will hold the town," the Brel Front said in a statement': the Front. The speaker is
    the subject of the reporting verb the pronoun's clause depends on or, where the parser
    lost that link, of the first one after the quotation closes in its sentence. A person
    speaks for the body they belong to; one with none is no "we".
    """
    cues = load_cues()
    report = next(
        (a for a in token.ancestors if is_reporting_verb(a, cues) and a.i != token.head.i), None
    )
    subject = None
    if report is None:
        closed = _quotation_end(token)
        if closed is not None:
            end = token.doc[closed].sent.end
            report = next((t for t in token.doc[closed:end] if is_reporting_verb(t, cues)), None)
            if report is not None and report.i > closed + 1:
                # what stands between the quotation and the verb speaks, however parsed
                subject = token.doc[closed + 1 : report.i].root
    if report is None:
        return None
    subject = next((c for c in report.children if c.dep_ == "nsubj"), subject)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    speaker = book.covering(subject)
    if speaker is not None and speaker.kind in GROUP_KINDS and not _one_person(book, speaker):
        return speaker
    if speaker is not None and speaker.affiliation is not None:
        return speaker.affiliation
    members = [t for t in subject.subtree if t.lemma_.lower() in QUOTED_MEMBER_NOUNS]
    return _body_of(book, members)


def _one_of(book: DraftBook, token: Token) -> Draft | None:
    """Return the group named by "one of the <women/men>" earlier in the pronoun's sentence,
    when the plural noun has the pronoun's gender and no person is named between them."""
    gender = MALE_WORDS if token.lower_ in MALE_PRONOUNS else FEMALE_WORDS
    for t in reversed(token.doc[token.sent.start : token.i]):
        if t.ent_type_ == "PERSON":
            return None
        if (
            t.dep_ == "pobj"
            and t.tag_ == "NNS"
            and t.lemma_.lower() in gender
            and t.head.lower_ == "of"
            and t.head.head.lower_ == "one"
        ):
            return book.covering(t)
    return None


def _quotation_end(token: Token, *, sentences: int = 3) -> int | None:
    """Return the index of the mark that closes the quotation ``token`` is in, if it closes
    after a comma within this sentence or the next ones ('"Our colleagues are health
    workers. ... without delay," the director said') and no other quotation mark comes first.
    """
    doc, sent = token.doc, token.sent
    for _ in range(sentences):
        for t in doc[max(token.i + 1, sent.start) : sent.end]:
            if closes_quote(t):
                return t.i
            if t.text in QUOTE_CLOSERS or t.text in ("“", "``"):
                return None
        if sent.end >= len(doc):
            return None
        sent = doc[sent.end].sent
    return None


#: markers of a clause of time or cause, whose plural pronoun subject is most often the
#: main clause's plural subject ("all five were armed when they died")
_SUBORDINATE_MARKS = frozenset({"when", "after", "before", "while", "as", "because", "until"})


def _main_clause_subject(token: Token) -> Token | None:
    """Return the plural noun subject of the clause that a clause of time or cause, whose
    subject ``token`` is, hangs on; None when there is none or it is itself a pronoun."""
    clause = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "advcl":
        return None
    if not any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATE_MARKS for c in clause.children
    ):
        return None
    subject = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON" or subject.i > token.i:
        return None
    plural = subject.tag_ in ("NNS", "NNPS") or subject.pos_ == "NUM"
    return subject if plural else None


def last_group(book: DraftBook, token: Token) -> Draft | None:
    """Return the group "the group" refers to: the last armed group, party or agency named
    before, else the last other organisation ("a fishing company" is seldom "the group")."""
    specific = book.last(
        lambda d: d.kind in GROUP_ANAPHOR_KINDS - {"organisation"} and not _one_person(book, d),
        token,
    )
    if specific is not None:
        return specific
    return book.last(lambda d: d.kind in GROUP_ANAPHOR_KINDS and not _one_person(book, d), token)


def _holder_speaks(book: DraftBook, token: Token) -> Draft | None:
    """Return who holds a thing that "they said" something of, in a relative clause on it.

    "Police arrested four men and seized explosives that they said were meant for an
    attack": "they" speak of what they seized, so they are the seizers, not the last plural
    actor named (the four men).
    """
    verb = token.head
    if token.dep_ != "nsubj" or verb.dep_ != "relcl":
        return None
    if verb.lemma_.lower() not in load_cues().reporting:
        return None
    thing = verb.head
    while thing.dep_ == "conj" and thing.head.i != thing.i:
        thing = thing.head  # "a vest and explosives that they said ..."
    if thing.dep_ != "dobj":
        return None
    holder = _nearest_subject(thing.head)
    if holder is None and thing.head.dep_ == "conj":  # "arrested four men and seized ..."
        holder = _nearest_subject(thing.head.head)
    draft = book.covering(holder) if holder is not None else None
    return draft if draft is not None and (draft.plural or draft.kind in GROUP_KINDS) else None


def _nearest_subject(verb: Token) -> Token | None:
    """Return the verb's subject nearest before it (a dateline the parser made a second one
    is farther: "QUETTA, Pakistan, ... - Police arrested")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    return max(subjects, key=lambda c: c.i) if subjects else None


def _armed(draft: Draft | None) -> Draft | None:
    """Return the speaker's actor when the speaker is itself armed ("the army said they killed")."""
    return draft if draft is not None and draft.kind in ARMED_KINDS else None


def _first_head(book: DraftBook, draft: Draft) -> Token | None:
    """Return the head word of the draft's first mention, if it has one."""
    if not draft.mentions:
        return None
    start, end = draft.mentions[0]
    span = book.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _one_person(book: DraftBook, draft: Draft) -> bool:
    """Return whether the draft is one person named by a role ("a local official", "a witness")."""
    root = None if draft.plural else _first_head(book, draft)
    return (
        root is not None
        and root.tag_ == "NN"
        and root.lemma_.lower() in person_nouns()
        and not any(c.dep_ == "conj" for c in root.children)
    )


def _gender(book: DraftBook, draft: Draft) -> str | None:
    """Return "m" or "f" when the text says which a person is, else None.

    From a title in a mention ("Mr", "Mawlawi"), the noun a mention stands beside as its
    apposition ("a spokeswoman, Ana Ruiz", "Ana Ruiz, a nurse's mother") and the pronouns
    already read as that person ("... said his office"); none or both: None.
    """
    said: set[str] = set()
    for start, end in draft.mentions:
        span = book.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        words = {t.lower_ for t in span}
        root = span.root
        beside = [root.head] if root.dep_ == "appos" else []
        beside += [c for c in root.children if c.dep_ == "appos"]
        words |= {t.lower_ for t in beside}
        if words & MALE_WORDS or words & MALE_PRONOUNS:
            said.add("m")
        if words & FEMALE_WORDS or words & FEMALE_PRONOUNS:
            said.add("f")
    return said.pop() if len(said) == 1 else None


def _agrees(book: DraftBook, draft: Draft, word: str) -> bool:
    """Return whether a person pronoun may refer to the draft (no contrary gender known)."""
    gender = _gender(book, draft)
    if gender == "m":
        return word not in FEMALE_PRONOUNS
    if gender == "f":
        return word not in MALE_PRONOUNS
    return True


def _clause_subjects(book: DraftBook, token: Token) -> list[Draft]:
    """Return the actors of the subject of the clause in which a pronoun is an object.

    An object pronoun is not its own clause's subject: "army units pursued them, killing
    several of them" (not the army); a participle without a subject takes the one of the
    clause it hangs on, and an infinitive the object of the verb it completes ("asked the
    authorities to release them"). A reflexive ("defended themselves") is not an object here.
    """
    if token.dep_ in ("nsubj", "nsubjpass", "poss") or token.lower_.endswith(("self", "selves")):
        return []
    verb = clause_verb(token)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subjects and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        if verb.dep_ == "xcomp":  # "asked the authorities to release them": who is asked acts
            subjects += [c for c in verb.head.children if c.dep_ == "dobj"]
        verb = verb.head
        subjects += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    drafts: list[Draft] = []
    for subject in subjects:  # a pronoun subject was read before ("they chased them")
        # a possessor inside the subject may be the object ("their families visited them")
        owners = {w.i for c in subject.subtree if c.dep_ == "poss" for w in c.subtree}
        for word in (w for w in subject.subtree if w.i not in owners):
            draft = book.covering(word)
            if draft is not None and draft not in drafts:
                drafts.append(draft)
    return drafts


def _named_lately(book: DraftBook, draft: Draft, token: Token) -> bool:
    """Return whether ``draft`` is named in the pronoun's sentence or the one before it."""
    sent = token.sent
    start = sent.start_char
    if sent.start > 0:
        start = book.doc[sent.start - 1].sent.start_char
    return any(start <= s < token.idx for s, _ in draft.mentions)


def _subject_before_its_objects(
    book: DraftBook, target: Draft | None, token: Token, accept: Callable[[Draft], bool]
) -> Draft | None:
    """Return the subject of the clause whose prepositional object ``target`` was last named
    in, when the subject is acceptable too; else ``target``.

    "The detainees were handed over to the state government. Some of them had been held for
    years": the detainees, not the government named after them. An object of the verb itself
    stays the nearer referent ("Police arrested two men. They were charged").
    """
    if target is None:
        return None
    start, end = max((s, e) for s, e in target.mentions if s < token.idx)
    span = book.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return target
    root = span.root
    if root.dep_ in ("compound", "poss", "amod") and root.sent == token.sent:
        # "X rejected a government call to hand over its weapons": the government only
        # qualifies the object; the subject is whose the weapons are
        root = root.head
        if root.dep_ not in ("dobj", "pobj"):
            return target
    elif root.dep_ != "pobj":
        return target
    verb = clause_verb(root)
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        draft = book.covering(subject)
        if draft is not None and draft is not target and accept(draft):
            return draft
    return target


def _plural_noun(book: DraftBook, draft: Draft) -> bool:
    """Return whether the draft was first named by a plural common noun ("local officials")."""
    root = _first_head(book, draft)
    return root is not None and root.tag_ == "NNS"


@functools.lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Return the nouns of one person: the cue lexicon's people of its source kinds and its
    ``individual_nouns`` ("a local official", "a witness", "a businessman")."""
    cues = load_cues()
    kinds = cues.source_kinds
    people = kinds["official"] | kinds["witness"] | kinds["unnamed_source"] | cues.individual_nouns
    return people - COLLECTIVE_SOURCE_NOUNS


def violent_lemmas(ontology: Ontology) -> frozenset[str]:
    """Return the lemmas of the lexicon's ASSAULT verbs that only an armed side commits."""
    return (
        frozenset(
            t.lemma
            for t in ontology.triggers
            if t.type == "ASSAULT" and t.pos in (None, "VERB") and not t.with_
        )
        - SHARED_VIOLENCE
    )


def _armed_doer(book: DraftBook, token: Token, violent: frozenset[str]) -> Draft | None:
    """Return the armed side a "they" who commits violence refers to, if the act is violent.

    "Gunmen stormed the village. Residents said they burned houses": the gunmen, not the
    residents who speak nor the last plural actor; without an armed actor before, None.
    """
    if token.dep_ != "nsubj" or token.head.lemma_.lower() not in violent:
        return None
    return book.last(lambda d: d.kind in ARMED_KINDS, token)


def resolve_anaphor(
    book: DraftBook, token: Token, *, violent: frozenset[str] = frozenset()
) -> None:
    """Add ``token`` as a mention of the actor it refers to, if it is an argument and has one.

    ``violent``: verb lemmas whose plural pronoun subject is the last armed actor (see
    :func:`violent_lemmas`).
    """
    if token.dep_ not in ARGUMENT_DEPS and token.dep_ != "nsubj":
        return
    word = token.lower_
    if (
        word in THING_PRONOUNS
        and token.dep_ == "nsubj"
        and token.head.lemma_ in ("be", "seem", "appear")
        and not any(c.lower_ in STANCE_ADJECTIVES for c in token.head.children)
    ):
        return  # expletive "it is ...", but "it is willing to" is the group
    speaker = _speaker(token)
    said = book.covering(speaker) if speaker is not None else None
    bound = _clause_subjects(book, token)
    # "the group's spokesman said it ...": the spokesman is not "it"
    owned = speaker is not None and any(c.dep_ == "poss" for c in speaker.children)
    if word in WE_PRONOUNS:
        target = _quoted_body(book, token)
    elif word in PERSON_PRONOUNS and (member := _one_of(book, token)) is not None:
        # "relatives of one of the detained women ... where she was being held": she is
        # one of the women
        target = member
    elif word in PERSON_PRONOUNS:
        # a named person, or one person named by a role ("the state governor ... his office")
        target = book.last(
            lambda d: (
                (d.kind == "person" or _one_person(book, d))
                and _agrees(book, d, word)
                and d not in bound
            ),
            token,
        )
    elif word in PLURAL_PRONOUNS and (main := _main_clause_subject(token)) is not None:
        # "saying all five were armed when they died": they are the five, an actor or not
        target = book.covering(main)
    elif (word in PLURAL_PRONOUNS or word in THING_PRONOUNS) and (
        body := _body_spoken_for(book, token)
    ) is not None:
        # "a spokesman for the X Forces ... said they had clashed with soldiers"
        target = body
    elif word in PLURAL_PRONOUNS and (armed := _armed_doer(book, token, violent)) is not None:
        # "residents said they burned houses": the gunmen named before
        target = _armed(said) or armed
    elif word in PLURAL_PRONOUNS and (holder := _holder_speaks(book, token)) is not None:
        # "police seized explosives that they said were meant for an attack": the police
        target = holder
    elif word in PLURAL_PRONOUNS and speaker is not None:
        # "two aid groups said they had suspended operations": the speakers, or no one
        target = said
    elif word in THING_PRONOUNS and speaker is not None and not owned and said is None:
        return  # "the group said it ...", the group no actor: it, not the last outlet named
    elif word in THING_PRONOUNS and not owned and said is not None and said.kind in GROUP_KINDS:
        # "the group said it was holding the engineers"
        target = said
    elif word in PLURAL_PRONOUNS:

        def plural(d: Draft) -> bool:
            # a state is "it", and its places are no "they" ("four men in Zhob district ...
            # explosives that they said were meant for an attack": the police)
            if d in bound:
                return False
            return d.plural or (d.kind in GROUP_KINDS - {"state"} and not _one_person(book, d))

        target = _subject_before_its_objects(book, book.last(plural, token), token, plural)
        if (
            token.dep_ not in ("nsubj", "nsubjpass", "poss")
            and target is not None
            and not _named_lately(book, target, token)
        ):
            target = None  # an object "them" ("it had halted them") is only a recent mention
    elif word in THING_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass", "poss"):
        # not a news outlet named in passing ("a message shared on social media ... it would"),
        # nor people named by a plural noun ("according to local officials. It claimed ...")

        def a_body(d: Draft) -> bool:
            return (
                d.kind in GROUP_KINDS - {"media"}
                and not _one_person(book, d)
                and not _plural_noun(book, d)
                and d not in bound
            )

        target = _subject_before_its_objects(book, book.last(a_body, token), token, a_body)
    elif is_group_anaphor(token):
        # "the syndicate", "the movement": the last body of that name, else (not for the
        # syndicate) the last group ("a businessman ... The group has threatened": not him)
        word = token.lemma_.lower()
        target = book.last(
            lambda d: d.kind in GROUP_ANAPHOR_KINDS and d.name.split()[-1].lower() == word, token
        )
        if target is None and word not in NAMED_ANAPHORS:
            target = last_group(book, token)
    else:
        return
    if target is not None:
        start = token.i if token.pos_ == "PRON" else noun_phrase(token).start
        book.add_mention(target, start, token.i + 1)
