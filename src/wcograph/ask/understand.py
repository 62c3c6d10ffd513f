"""A question in plain words -> what it asks (an intent of intents.yaml), about what (entities,
a meeting), when (a day or a span of years), of which kind, counted or listed.

Deterministic and offline: the question is cut into words; the time and meeting phrases are read
by a small grammar (when.py); the remaining words are linked to the graph's names (names.py);
the intent is the one whose cue words appear and whose slots the found entities fill.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from wcograph.ask.lexicon import FILLER, phrase_key, stem, words
from wcograph.ask.names import SHORT, STRONG, Entity, Mention, NameIndex
from wcograph.ask.when import (
    MeetingReference,
    MeetingRow,
    When,
    meetings_of,
    read_meeting,
    read_time,
    resolve_meeting,
)
from wcograph.errors import Problem, QueryError
from wcograph.triples.store import GraphStore

INTENTS_FILE = Path(__file__).with_name("intents.yaml")
MAX_LENGTH = 500
_TOKEN = re.compile(r"[A-Za-z0-9À-ÿ][A-Za-z0-9À-ÿ'’&.:-]*[A-Za-z0-9À-ÿ]|[A-Za-z0-9]")
ABOUT = frozenset({"about", "on", "concerning", "regarding", "concern", "re", "related", "for"})
TOPIC_MARKERS = (
    "related to",
    "relating to",
    "about",
    "concerning",
    "regarding",
    "dealing with",
    "deal with",
    "deals with",
    "covering",
    "cover",
    "on the topic of",
    "linked to",
    "on",
    "mention",
    "mentioning",
    "concern",
    "concerns",
)
NEGATIONS = frozenset({"not", "no", "never"})
COUNT_WORDS = ("how many", "number of", "count")
QUESTION_WORDS = (
    "who what which when where how many list all did does do is are was were has have the a an"
    " about since today now at by with from in on of to been taken give me tell show please"
)


@dataclass(frozen=True)
class Intent:
    name: str
    query: str
    example: str
    cues: tuple[frozenset[str], ...]
    slots: dict[str, str | None]
    optional: frozenset[str]
    avoid: frozenset[str]
    time: str | None
    ids: str
    after: frozenset[str] = frozenset()  # a slot's name follows one of these words ("sent to X")
    status: str | None = None  # the column of meetings whose held/scheduled status is shown
    counted: bool = False  # the answer holds its own counts: "how many" does not count rows


@dataclass(frozen=True)
class Lexicon:
    kinds: dict[str, str]
    verbs: dict[str, str]
    lifecycle: dict[str, str]
    intents: tuple[Intent, ...]


@cache
def lexicon() -> Lexicon:
    data = yaml.safe_load(INTENTS_FILE.read_text(encoding="utf-8"))
    intents = tuple(
        Intent(
            name=item["name"],
            query=item["query"],
            example=item["example"],
            cues=tuple(frozenset(stem(w) for w in group) for group in item.get("cues", [])),
            slots=dict(item.get("slots") or {}),
            optional=frozenset(item.get("optional", [])),
            avoid=frozenset(stem(w) for w in item.get("avoid", [])),
            time=item.get("time"),
            ids=item["ids"],
            after=frozenset(item.get("after", [])),
            status=item.get("status"),
            counted=bool(item.get("counted", False)),
        )
        for item in data["intents"]
    )
    return Lexicon(
        kinds={phrase_key(k): v for k, v in data["kinds"].items()},
        verbs={phrase_key(k): v for k, v in data["verbs"].items()},
        lifecycle={stem(k): v for k, v in data["lifecycle"].items()},
        intents=intents,
    )


@dataclass
class Graph:
    """What the understander reads from the graph once: names and meetings."""

    names: NameIndex
    meetings: list[MeetingRow]


_GRAPHS: dict[int, tuple[GraphStore, Graph]] = {}


def graph_of(store: GraphStore) -> Graph:
    """The names and meetings of a store, read once per store."""
    if id(store) not in _GRAPHS or _GRAPHS[id(store)][0] is not store:
        _GRAPHS[id(store)] = (store, Graph(NameIndex(store), meetings_of(store)))
    return _GRAPHS[id(store)][1]


@dataclass
class Understood:
    question: str
    intent: Intent | None = None
    params: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    meeting: MeetingRow | None = None
    when: When = field(default_factory=When)
    as_of: date | None = None
    kind: str | None = None
    verb: str | None = None
    count: bool = False
    topic: str | None = None
    missing: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)

    def explain(self) -> list[str]:
        lines = [f"question: {self.question}"]
        fallback = "topic search" if self.topic else "not understood"
        lines.append(f"type: {self.intent.name if self.intent else fallback}")
        for slot, entity in self.entities.items():
            lines.append(f"{slot}: {entity.curie} ({entity.label})")
        if self.meeting:
            lines.append(f"meeting: {self.meeting.iri} ({self.meeting.label})")
        if self.when.given:
            lines.append(f"time: {self.when.words}")
        if self.as_of:
            lines.append(f"as of: {self.as_of.isoformat()}")
        if self.kind:
            lines.append(f"kind: {self.kind}")
        if self.verb:
            lines.append(f"verb: {self.verb}")
        if self.topic:
            lines.append(f"topic: {self.topic}")
        if self.count:
            lines.append("answer: a count")
        for what in self.missing:
            lines.append(f"missing: {what}")
        return lines


def check_question(question: str) -> str:
    """The question, or a clear error for input no question can be (exit 2)."""
    if any((ord(c) < 32 and c not in "\t\n") or ord(c) == 127 for c in question):
        raise QueryError(Problem("the question holds control characters", hint="ask in words"))
    text = " ".join(question.split())
    if not text:
        raise QueryError(Problem("the question is empty", hint='ask e.g. "Who chairs the PTC?"'))
    if len(text) > MAX_LENGTH:
        raise QueryError(
            Problem(
                f"the question is {len(text)} characters long (at most {MAX_LENGTH})",
                hint="ask one thing at a time",
            )
        )
    return text


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("/", " ").replace("?", " "))


def understand(
    store: GraphStore, question: str, today: date | None = None, as_of: date | None = None
) -> Understood:
    """What ``question`` asks; ``as_of`` is the day ``--as-of`` gives, read as the question's
    own "as of <day>" would be."""
    text = check_question(question)
    today = today or date.today()
    graph = graph_of(store)
    lex = lexicon()
    tokens = tokenize(text)
    folded = [t.lower() for t in tokens]
    stems = {stem(w) for t in tokens for w in words(t.replace("-", " "))}
    taken: set[int] = set()
    reference = read_meeting(tokens, taken)
    when = read_time(tokens, taken)
    if as_of is not None:
        when = _given_day(when, as_of)
    result = Understood(text, when=when, tokens=tokens, taken=taken)
    result.count = any(marker in " ".join(folded) for marker in COUNT_WORDS)
    _read_kinds_and_verbs(result, folded, lex)
    common = _common_words()
    mentions = [
        m
        for m in graph.names.mentions(tokens, set(taken))
        if not all(_is_common(token, common) for token in tokens[m.start : m.end])
    ]
    result.mentions = mentions
    cues = set(stems)
    if result.verb:
        cues.add("verb")
    if any(stem(w) in lex.lifecycle for w in folded):
        cues.add("lifecycle-verb")
    best = _best_intent(result, mentions, reference, graph, today, folded, cues)
    if best is None:
        _topic(result, folded)
        return result
    intent, filled, meeting = best
    result.intent, result.entities, result.meeting, result.missing = intent, filled, meeting, []
    if intent.name == "decisions" and "entity" not in filled:
        # "what did the PTC decide about e-commerce?": no entity, so the decisions' texts say
        kind, result.kind = result.kind, "wco:Decision"
        _topic(result, folded)
        if not result.topic:
            result.kind = kind
    result.count = result.count and not intent.counted
    _bind(result, lex, today)
    return result


def _given_day(when: When, day: date) -> When:
    """The time of a question asked with ``--as-of day``: that day, as "as of <day>" in its text
    reads; a question that names a time of its own and a different day is refused."""
    if when.given and when.day != day:
        raise QueryError(
            Problem(
                f"the question says {when.words!r} and --as-of says {day.isoformat()}",
                hint="give the time once: in the question or with --as-of",
            )
        )
    return When(day=day, words=f"as of {day.isoformat()}")


def _best_intent(
    result: Understood,
    mentions: list[Mention],
    reference: MeetingReference | None,
    graph: Graph,
    today: date,
    folded: list[str],
    cues: set[str],
) -> tuple[Intent, dict[str, Entity], MeetingRow | None] | None:
    """The intent whose cues all appear and whose slots fill, scoring highest (the first in
    intents.yaml on a tie); an intent that lacks a slot says what is missing."""
    common = _common_words()
    best: tuple[float, Intent, dict[str, Entity], MeetingRow | None] | None = None
    strongest_gap: Intent | None = None  # the most specific intent whose slots are not all named
    gap_weight: tuple[int, bool] = (0, False)
    for intent in lexicon().intents:
        if intent.avoid & cues or not all(group & cues for group in intent.cues):
            continue
        filled, meeting, gaps = _fill(intent, mentions, reference, graph, today, folded)
        required_gaps = [s for s in gaps if s not in intent.optional]
        if required_gaps:
            # a meeting the question names but the graph lacks is what is missing, first
            weight = (len(intent.cues), reference is not None and "meeting" in required_gaps)
            if strongest_gap is None or weight > gap_weight:
                strongest_gap, gap_weight = intent, weight
                unknown = _unlinked_words(result.tokens, result.taken, mentions, common)
                if reference is not None and "meeting" in required_gaps:
                    unknown = reference.words
                result.missing = [
                    _missing(slot, intent.slots[slot], unknown, graph) for slot in required_gaps
                ]
                result.intent = intent
            continue
        if intent.name == "bodies-by-lifecycle-event" and mentions and not result.kind:
            continue
        given = filled or meeting or result.verb or result.when.given
        if intent.name == "decisions" and not given:
            continue
        # a named meeting is the most specific thing a question can name
        score = 10 * len(intent.cues) + 5 * len(filled) + 6 * (meeting is not None)
        if result.verb and any("verb" in group for group in intent.cues):
            score += 3  # a decision verb ("endorse") says the question is about decisions
        if best is None or score > best[0]:
            best = (score, intent, filled, meeting)
    if best is None or (strongest_gap and _narrows(strongest_gap, best[1])):
        # "does the Galactic Senate report to the PTC?" is not "who reports to the PTC?"
        return None
    return best[1:]


def _narrows(specific: Intent, general: Intent) -> bool:
    """``specific`` asks what ``general`` asks about one more name: more cue groups, and the
    kinds of its slots include all of ``general``'s."""
    wanted = Counter(specific.slots.values())
    return len(specific.cues) > len(general.cues) and Counter(general.slots.values()) < wanted


def _read_kinds_and_verbs(result: Understood, folded: list[str], lex: Lexicon) -> None:
    """The first kind of entity ("working groups") and decision verb ("took note of") named,
    longest phrases first."""
    # "not" folds to the stem of "noted": a negation is never a decision verb
    keys = [phrase_key(w) if w not in NEGATIONS else "" for w in folded]
    for length in (3, 2, 1):
        for i in range(len(keys) - length + 1):
            phrase = " ".join(k for k in keys[i : i + length] if k)
            if not result.kind and phrase in lex.kinds:
                result.kind = lex.kinds[phrase]
            if not result.verb and phrase in lex.verbs:
                result.verb = lex.verbs[phrase]


@cache
def _common_words() -> frozenset[str]:
    lex = lexicon()
    cue_words = {w for intent in lex.intents for group in intent.cues for w in group}
    return frozenset(
        cue_words | set(FILLER) | {k for k in lex.kinds} | {stem(w) for w in QUESTION_WORDS.split()}
    )


def _unlinked_words(
    tokens: list[str], taken: set[int], mentions: list[Mention], common: frozenset[str]
) -> str:
    """The longest run of words that are neither question words nor linked to a name."""
    linked = set(taken) | {i for m in mentions for i in range(m.start, m.end)}
    kind_words = {w for key in lexicon().kinds for w in key.split()}
    runs: list[list[str]] = [[]]
    for i, token in enumerate(tokens):
        continues = runs[-1] and stem(token.lower()) in kind_words | {"of", "on"}
        if i in linked or (_is_common(token, common) and not continues):
            runs.append([])
        else:
            runs[-1].append(token)
    longest: list[str] = []
    for run in runs:
        if len(run) > len(longest):
            longest = run
    return " ".join(longest).strip()


def _missing(slot: str, kind: str | None, unknown: str, graph: Graph) -> str:
    what = (kind or "entity").lower()
    if not unknown:
        return f"{slot} (the question names no {what})"
    from rapidfuzz import fuzz, process

    names = (
        [m.label for m in graph.meetings if m.label]
        if kind == "meeting"
        else graph.names.names_of_kind(kind)
    )
    close = [name for name, _, _ in process.extract(unknown, names, scorer=fuzz.WRatio, limit=3)]
    return f"{slot}: the graph has no {what} called {unknown!r} (closest: {'; '.join(close)})"


def _is_common(token: str, common: frozenset[str]) -> bool:
    """A single common word is not a name, unless written as an acronym (all capitals)."""
    if token.isupper() and len(token) > 1:
        return False
    return stem(token.lower()) in common or token.lower() in common


def _fill(
    intent: Intent,
    mentions: list[Mention],
    reference: MeetingReference | None,
    graph: Graph,
    today: date,
    folded: list[str],
) -> tuple[dict[str, Entity], MeetingRow | None, list[str]]:
    filled: dict[str, Entity] = {}
    used: set[int] = set()
    meeting: MeetingRow | None = None
    gaps: list[str] = []
    if "meeting" in intent.slots and reference is not None:
        bodies = [m for m in mentions if m.of_kind("Body")]
        body = bodies[0].of_kind("Body")[0].iri if bodies else None
        fits = resolve_meeting(reference, graph.meetings, body, today)
        if not fits and reference.relative == "next":
            whose = bodies[0].of_kind("Body")[0].label if bodies else "any body"
            raise QueryError(
                Problem(
                    f"the graph holds no meeting of {whose} after {today.isoformat()}",
                    hint="ask for the last session, or for the sessions of a year",
                )
            )
        if len(fits) > 1:
            ptc = [m for m in fits if m.body.endswith("ptc")]
            fits = ptc or fits
        if len(fits) == 1 or (fits and reference.relative):
            meeting = fits[0]
            if bodies:
                used.add(bodies[0].start)
        elif len(fits) > 1:
            listed = "; ".join(f"{m.iri} ({m.label})" for m in fits[:6])
            raise QueryError(
                Problem(
                    f"{reference.words!r} names {len(fits)} meetings: {listed}",
                    hint="name the body or the session numbers",
                )
            )
    if intent.after:
        mentions = sorted(
            mentions,
            key=lambda m: not set(folded[max(0, m.start - 2) : m.start]) & intent.after,
        )
    # the entity slot takes a name after "about"/"on"; a body slot the other name
    order = sorted(intent.slots, key=lambda s: (s != "entity",))
    for slot in order:
        kind = intent.slots[slot]
        if slot == "meeting":
            if meeting is None:
                gaps.append(slot)
            continue
        chosen = _choose(slot, kind, mentions, used, folded, intent)
        if chosen is None:
            gaps.append(slot)
            continue
        mention, entity = chosen
        used.add(mention.start)
        filled[slot] = entity
    return filled, meeting, gaps


def _choose(
    slot: str,
    kind: str | None,
    mentions: list[Mention],
    used: set[int],
    folded: list[str],
    intent: Intent,
) -> tuple[Mention, Entity] | None:
    body_slot_too = "body" in intent.slots
    for mention in mentions:
        if mention.start in used:
            continue
        before = folded[max(0, mention.start - 3) : mention.start]
        after_about = bool(set(before) & ABOUT) and not set(before[-2:]) & intent.after
        if (
            slot == "entity"
            and not after_about
            and (len(mentions) > 1 or (body_slot_too and mention.of_kind("Body")))
        ):
            continue
        if slot != "entity" and after_about and len(mentions) > 1:
            continue
        fits = mention.of_kind(kind)
        if not fits or (kind is None and mention.quality <= SHORT and not mention.text.isupper()):
            continue  # "e-commerce" is a topic, though "Working Group on E-Commerce" holds it
        rivals = [e for e in fits if ("Document" in e.kinds) == ("Document" in fits[0].kinds)]
        if (
            len(rivals) > 1
            and mention.quality == STRONG
            and rivals[0].decisions == rivals[1].decisions
        ):
            listed = "; ".join(f"{e.curie} ({e.label})" for e in rivals[:6])
            raise QueryError(
                Problem(
                    f"{mention.text!r} names {len(rivals)} {kind or 'entities'}: {listed}",
                    hint="which one do you mean? give its full name or its id",
                )
            )
        return mention, fits[0]
    return None


def _topic(result: Understood, folded: list[str]) -> None:
    """A question about a topic ("instruments related to e-commerce") is searched for."""
    joined = " ".join(w for i, w in enumerate(folded) if i not in result.taken)
    for marker in TOPIC_MARKERS:
        found = re.search(rf"\b{marker}\b (.+)$", joined)
        if found and result.kind:
            topic = " ".join(w for w in found[1].split() if w not in FILLER)
            if topic:
                result.topic = topic
                result.missing = []
                return


def _bind(result: Understood, lex: Lexicon, today: date) -> None:
    intent = result.intent
    assert intent is not None
    params: dict[str, str] = {slot: e.curie for slot, e in result.entities.items()}
    if result.meeting:
        params["meeting"] = result.meeting.iri
    when = result.when
    if intent.time == "as-of":
        result.as_of = when.as_of(today)
    elif intent.time == "years" and when.given:
        day = when.day
        params["fromYear"] = str(when.from_year if not day else 0)
        params["toYear"] = str(day.year if day else when.to_year)
    elif intent.time == "year" and when.from_year and when.from_year == when.to_year:
        params["year"] = str(when.from_year)
    elif intent.time == "since" and when.from_year:
        params["since"] = str(when.from_year)
    if intent.name == "decisions" and result.verb:
        params["type"] = result.verb
    if intent.name == "bodies-by-lifecycle-event":
        verb = next(
            (lex.lifecycle[stem(w)] for w in words(result.question) if stem(w) in lex.lifecycle),
            ".",
        )
        params["event"] = verb
        params["kind"] = result.kind or "wco:Body"
    result.params = params
