"""Drafting curated records from an article: the meeting it reports, its officers, its outcomes.

Rules, not a language model: each finding is a pattern over one sentence, linked to ids the
data already has (the lexicon), and carries the paragraph it came from and a confidence so a
curator knows what to check first. Nothing here writes anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pycountry

from wcograph.ingest.article import Article, Paragraph
from wcograph.ingest.dates import DateSpan, find_dates
from wcograph.ingest.lexicon import Lexicon, Mention

ORDINAL = r"(\d{1,3})(?:st|nd|rd|th)"
SESSION = re.compile(
    ORDINAL + r"(?:\s*(?:/|and|&|-|–)\s*" + ORDINAL + r")?\s+(?:(?:Annual|annual|Plenary)\s+)?"
    r"(?:[Ss]ession|[Mm]eeting)s?"
)
MEETING_WORDS = re.compile(
    r"\b(?:sessions?|meetings?|met|held|convened|gathered|took place|attend\w*)\b", re.I
)
FORMATS = (
    ("hybrid", re.compile(r"\bhybrid\b", re.I)),
    ("virtual", re.compile(r"\b(?:virtual(?:ly)?|online|videoconference|remotely)\b", re.I)),
    ("in-person", re.compile(r"\bin[- ]person\b", re.I)),
)
TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|H\.E)\.?\s+)"
PARTICLE = r"(?:de|da|del|dos|van|von|bin|al|Al|el|El)"
NAME = r"((?:[A-Z]\.\s*)*[A-Z][\w'’-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’-]+|" + PARTICLE + r")){0,4})"
CHAIR = re.compile(
    r"(?:[Uu]nder the (?:\w+ )?(?:[Cc]hairmanship|[Cc]hairpersonship|[Cc]hair|guidance"
    r"(?: and direction)?|leadership) of|chaired by|presided (?:over )?by|Chairperson|Chairman|"
    r"Chairwoman|Chair)\s*,?\s+(?:the\s+(?:outgoing\s+)?(?:Chairperson|Chair)"
    r"(?:\s+of\s+the\s+(?:WCO\s+)?[A-Z][\w ]+?)?\s*,?\s*)?" + TITLE + r"?" + NAME
)
VICE_CHAIR = re.compile(r"Vice[- ]Chair(?:person|man|woman)?s?\s*,?\s+" + TITLE + r"?" + NAME)
PLACE = re.compile(
    r"\b(?:held|took place|met|convened|gathered|[Ss]essions?|[Mm]eetings?)\b[^.;]{0,60}?"
    r"\b(?:in|at)\s+(?:the\s+)?(?:WCO\s+[Hh]eadquarters\s+in\s+)?"
    r"([A-Z][a-zà-ÿ]+(?:[ -][A-Z][a-zà-ÿ]+)?)(?:,\s*([A-Z][a-zà-ÿ]+(?: [A-Z][a-zà-ÿ]+)?))?"
)
KNOWN_VENUES = frozenset({"Brussels"})
NOT_PLACES = frozenset(
    {"The", "This", "Its", "Customs", "Members", "WCO", "Council", "December", "June", "October"}
)

VERBS: dict[str, str] = {
    "endorsed": "endorsed",
    "adopted": "adopted",
    "approved": "approved",
    "launched": "launched",
    "re-elected": "re-elected",
    "elected": "elected",
    "appointed": "appointed",
    "took note of": "took-note",
    "took note": "took-note",
    "noted": "took-note",
    "agreed": "agreed",
    "decided": "decided",
    "welcomed": "welcomed",
    "supported": "supported",
    "established": "established",
    "acknowledged": "acknowledged",
    "recognized": "acknowledged",
    "recognised": "acknowledged",
    "discussed": "discussed",
    "reviewed": "considered",
    "examined": "considered",
    "considered": "considered",
    "expressed its appreciation": "expressed-appreciation",
    "expressed concern": "expressed-concern",
}
VERB = re.compile(r"\b(" + "|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)) + r")\b")
PASSIVE = re.compile(
    r"(?P<object>(?:The|the|A|a|An|an|Its|its)\s[^.;]{3,160}?)\s+(?:was|were|has been|have been)"
    r"\s+(?:formally\s+|also\s+|unanimously\s+)?(?P<verb>endorsed|adopted|approved|launched)\b"
)
WENT_ON_TO = re.compile(
    r"\b(?:went on to|proceeded to|moved on to)\s+(?P<verb>approve|adopt|endorse|launch|elect)\b"
)
SUBJECTS = re.compile(
    r"\b(?:Council|Commission|Committee|PTC|Members|Delegates|delegates|participants|"
    r"Participants|it|they|It|They|Sub-Committee|Group|Team)\b"
)
CLAUSE_END = re.compile(r"[;.]|,\s+(?:and\s+)?(?:while|which|as well as|recognizing|recognising)\b")
CAPITALISED_PHRASE = re.compile(r"(?:the\s+)?((?:[A-Z][\w/-]*\s+){1,7}[A-Z][\w/-]*)")


@dataclass
class Officer:
    name: str
    paragraph: int
    country: str | None = None
    id: str | None = None
    confidence: float = 0.6


@dataclass
class DraftDecision:
    verb: str
    object: str
    paragraph: int
    concerns: list[str] = field(default_factory=list)
    proposed: list[str] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class DraftMeeting:
    body: str | None
    paragraph: int
    session_numbers: list[int] = field(default_factory=list)
    start_date: str | None = None
    end_date: str | None = None
    place: str | None = None
    format: str | None = None
    chair: Officer | None = None
    vice_chair: list[Officer] = field(default_factory=list)
    decisions: list[DraftDecision] = field(default_factory=list)
    confidence: float = 0.5
    mentioned: dict[str, list[str]] = field(default_factory=dict)


def draft(article: Article, lexicon: Lexicon) -> list[DraftMeeting]:
    """The meeting an article reports (articles on a session report one), or none."""
    body, body_confidence = _reporting_body(article, lexicon)
    anchor = _session_paragraph(article, body, lexicon)
    if body is None and anchor is None:
        return []
    paragraph = anchor or article.paragraphs[0]
    meeting = DraftMeeting(body=body, paragraph=paragraph.number, confidence=body_confidence)
    meeting.session_numbers = _session_numbers(paragraph.text)
    dates = _meeting_dates(article, paragraph)
    if dates is not None:
        meeting.start_date, meeting.end_date = dates.start, dates.end
    meeting.place = _place(article, paragraph)
    meeting.format = _format(article)
    meeting.chair = _chair(article, lexicon)
    meeting.vice_chair = _vice_chairs(article, lexicon)
    meeting.decisions = [d for p in article.paragraphs for d in _decisions(p, body, lexicon)]
    meeting.mentioned = _mentioned(article, lexicon)
    return [meeting]


def _reporting_body(article: Article, lexicon: Lexicon) -> tuple[str | None, float]:
    """The WCO body named most often near the words "session"/"meeting", the title counting
    double; a body named only in passing does not report the meeting."""
    votes: Counter[str] = Counter()
    for paragraph in article.paragraphs:
        weight = 2 if paragraph.number == 1 else 1
        for sentence in paragraph.sentences():
            if not (MEETING_WORDS.search(sentence) or paragraph.number == 1):
                continue
            for mention in lexicon.find(sentence, "body"):
                votes[mention.id] += weight
    if not votes:
        return None, 0.0
    ranked = votes.most_common(2)
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best, round(0.5 + 0.5 * (count - runner_up) / max(count, 1), 2)


def _session_paragraph(article: Article, body: str | None, lexicon: Lexicon) -> Paragraph | None:
    """The first paragraph that numbers the sessions, preferring one that names the body."""
    numbered = [p for p in article.paragraphs if SESSION.search(p.text)]
    for paragraph in numbered:
        if body is None or any(m.id == body for m in lexicon.find(paragraph.text, "body")):
            return paragraph
    return numbered[0] if numbered else None


def _session_numbers(text: str) -> list[int]:
    match = SESSION.search(text)
    if match is None:
        return []
    numbers = [int(n) for n in match.groups() if n]
    return sorted(set(numbers))


def _meeting_dates(article: Article, anchor: Paragraph) -> DateSpan | None:
    """A range in the paragraph that numbers the sessions, else the date nearest a word for
    meeting in the first paragraphs: articles date the session before they discuss it."""
    for paragraph in (anchor, *article.paragraphs[:6]):
        spans = find_dates(paragraph.text)
        ranges = [s for s in spans if s.is_range]
        if ranges:
            return ranges[0]
        words = [m.start() for m in MEETING_WORDS.finditer(paragraph.text)]
        if spans and words:
            return min(spans, key=lambda s: min(abs(s.position - w) for w in words))
    return None


def _place(article: Article, anchor: Paragraph) -> str | None:
    for paragraph in (anchor, *article.paragraphs[:6]):
        for match in PLACE.finditer(paragraph.text):
            city, country = match.group(1), match.group(2)
            if city in NOT_PLACES or city.split()[0] in NOT_PLACES:
                continue
            if city in KNOWN_VENUES or _country(country or "") or _country(city):
                return city
    return None


def _format(article: Article) -> str | None:
    text = " ".join(p.text for p in article.paragraphs[:8])
    for name, pattern in FORMATS:
        if pattern.search(text):
            return name
    return None


def _chair(article: Article, lexicon: Lexicon) -> Officer | None:
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences():
            for match in CHAIR.finditer(sentence):
                if re.search(r"Vice[- ]$", sentence[: match.start()]):
                    continue
                officer = _officer(match.group(1), sentence[match.end() :], paragraph, lexicon)
                if officer is not None:
                    return officer
    return None


def _vice_chairs(article: Article, lexicon: Lexicon) -> list[Officer]:
    found: list[Officer] = []
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences():
            for match in VICE_CHAIR.finditer(sentence):
                officer = _officer(match.group(1), sentence[match.end() :], paragraph, lexicon)
                if officer is not None and officer.name not in {o.name for o in found}:
                    found.append(officer)
    return found


def _officer(name: str, after: str, paragraph: Paragraph, lexicon: Lexicon) -> Officer | None:
    name = name.strip()
    if len(name.split()) < 2 or _country(name) or lexicon.find(name, "body"):
        return None
    known = lexicon.find(name, "person")
    officer = Officer(name=name, paragraph=paragraph.number)
    if known:
        officer.id, officer.confidence = known[0].id, 0.9
    officer.country = _country_near(after[:160], lexicon)
    return officer


def _country_near(text: str, lexicon: Lexicon) -> str | None:
    """The first Member or ISO country named just after an officer's name ("..., Director
    General of Bahrain Customs")."""
    for mention in lexicon.find(text, "organisation"):
        entry = lexicon.entries[mention.id]
        if entry.member_type == "Member":
            return entry.label
    for word in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", text):
        country = _country(word)
        if country:
            return country
    return None


def _country(name: str) -> str | None:
    if not name:
        return None
    try:
        return str(pycountry.countries.lookup(name).name)
    except LookupError:
        return None


def _decisions(paragraph: Paragraph, body: str | None, lexicon: Lexicon) -> list[DraftDecision]:
    drafted = []
    for sentence in paragraph.sentences():
        for match in VERB.finditer(sentence):
            before = sentence[: match.start()]
            if _participle(before, sentence[match.end() :]):
                continue
            if not _acted_by_the_body(before, body, lexicon):
                continue
            clause = CLAUSE_END.split(sentence[match.end() :], maxsplit=1)[0].strip(" ,:")
            if len(clause) < 4:
                continue
            drafted.append(_decision(VERBS[match.group(1)], clause, paragraph, lexicon))
        drafted.extend(_other_forms(sentence, paragraph, lexicon))
    return drafted


def _other_forms(sentence: str, paragraph: Paragraph, lexicon: Lexicon) -> list[DraftDecision]:
    """ "the Council went on to approve X" and "X was endorsed": a session article's passive
    voice still reports the body's own act, with the instrument as the subject."""
    found = []
    for match in WENT_ON_TO.finditer(sentence):
        clause = CLAUSE_END.split(sentence[match.end() :], maxsplit=1)[0].strip(" ,:")
        verb = match.group("verb") + ("d" if match.group("verb").endswith("e") else "ed")
        found.append(_decision(verb, clause, paragraph, lexicon))
    for match in PASSIVE.finditer(sentence):
        decision = _decision(match.group("verb"), match.group("object"), paragraph, lexicon)
        decision.confidence = round(decision.confidence - 0.2, 2)
        found.append(decision)
    return found


def _participle(before: str, after: str) -> bool:
    """ "the Smart Customs Project, launched in December 2023": a past participle after a comma
    and followed by when or by whom describes the noun, it does not report an act."""
    return before.rstrip().endswith(",") and bool(re.match(r"\s+(?:in|on|by|at|since)\b", after))


def _acted_by_the_body(before: str, body: str | None, lexicon: Lexicon) -> bool:
    """The verb's subject is the body (named, or "the Committee", "Members", "it"): a verb in a
    passive clause or said of someone else ("the Secretariat noted") is not the body's act."""
    tail = before[-90:]
    if re.search(r"\b(?:was|were|been|being|is|are|be)\s+$", tail):
        return False
    if re.search(r"\bSecretariat\b|\bSecretary General\b", tail):
        return False
    named = body is not None and any(m.id == body for m in lexicon.find(tail, "body"))
    return named or bool(SUBJECTS.search(tail))


def _decision(verb: str, clause: str, paragraph: Paragraph, lexicon: Lexicon) -> DraftDecision:
    decision = DraftDecision(verb=verb, object=clause[:200], paragraph=paragraph.number)
    linked = [m for m in lexicon.mentions(clause) if m.kind in ("instrument", "body", "person")]
    decision.concerns = list(dict.fromkeys(m.id for m in linked))
    if decision.concerns:
        decision.confidence = 0.8
    else:
        decision.proposed = _proposed_ids(clause, linked)
        decision.confidence = 0.5 if decision.proposed else 0.3
    return decision


def _proposed_ids(clause: str, linked: list[Mention]) -> list[str]:
    phrases = [m.group(1) for m in CAPITALISED_PHRASE.finditer(clause)]
    return [_slug(p) for p in phrases if len(p) > 6][:2]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _mentioned(article: Article, lexicon: Lexicon) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = {}
    for paragraph in article.paragraphs:
        for mention in lexicon.mentions(paragraph.text):
            ids = seen.setdefault(mention.kind, [])
            if mention.id not in ids:
                ids.append(mention.id)
    return seen
