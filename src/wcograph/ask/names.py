"""Entity linking: the names in a question -> entities of the graph.

The names are read from the store (queries/support/ask-vocabulary.rq: every label, acronym,
alternative and French name), so linking works on a built graph with no data/ folder. A name
matches as written (folded), by its words in any order ("the E-Commerce WG" = "Working Group on
E-Commerce"), by the name without its kind ("SAFE" for the SAFE Framework and the SAFE Working
Group, told apart by the kind the question's slot expects), or, failing all, fuzzily (rapidfuzz)
for typos.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from wcograph.ask.lexicon import FILLER, bag_key, name_tokens, phrase_key, words
from wcograph.namespaces import compact
from wcograph.query.run import run_named_query
from wcograph.triples.store import GraphStore

VOCABULARY = "support/ask-vocabulary"
# Kind words a name may be given without: "SAFE" for "SAFE Framework", "SAFE Working Group".
KIND_WORDS = tuple(
    name_tokens(words)
    for words in (
        "Framework of Standards",
        "Framework",
        "Working Group",
        "Mini Group",
        "Convention",
        "Committee",
        "Package",
        "Compendium",
        "Guidelines",
        "Guide",
    )
)
STRONG, BAG, SHORT, FUZZY = 4, 3, 2, 1  # how a mention matched, best first
FUZZY_CUTOFF = 88


@dataclass
class Entity:
    iri: str
    label: str = ""
    kinds: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    decisions: int = 0

    @property
    def curie(self) -> str:
        return compact(self.iri)


@dataclass(frozen=True)
class Mention:
    start: int  # token span in the question
    end: int
    text: str
    candidates: tuple[Entity, ...]
    quality: int

    def of_kind(self, kind: str | None) -> list[Entity]:
        if kind is None:
            return list(self.candidates)
        return [e for e in self.candidates if kind in e.kinds]


class NameIndex:
    def __init__(self, store: GraphStore) -> None:
        self.entities: dict[str, Entity] = {}
        self.phrases: dict[str, set[str]] = defaultdict(set)
        self.bags: dict[frozenset[str], set[str]] = defaultdict(set)
        self.shorts: dict[str, set[str]] = defaultdict(set)
        self.exact: set[str] = set()
        for row in run_named_query(store, VOCABULARY):
            iri = row["entity"]
            entity = self.entities.setdefault(iri, Entity(iri))
            entity.kinds.add(row["top"].rsplit(":", 1)[-1].rsplit("#", 1)[-1])
            entity.classes.add(row["class"].rsplit(":", 1)[-1].rsplit("#", 1)[-1])
            entity.decisions = int(row.get("decisions") or 0)
            term = str(row["term"])
            entity.label = entity.label or str(row.get("label") or term)
            self._add(iri, term)
        self.phrase_list = sorted(self.phrases)

    def _add(self, iri: str, term: str) -> None:
        tokens = name_tokens(term)
        if not tokens:
            return
        self.phrases[" ".join(tokens)].add(iri)
        self.exact.add(" ".join(words(term)))
        if len(tokens) > 1:
            self.bags[frozenset(tokens)].add(iri)
        for kind in KIND_WORDS:
            if len(tokens) > len(kind) and tokens[-len(kind) :] == kind:
                self.shorts[" ".join(tokens[: -len(kind)])].add(iri)
            if len(tokens) > len(kind) and tokens[: len(kind)] == kind:
                self.shorts[" ".join(tokens[len(kind) :])].add(iri)

    def lookup(self, text: str, fuzzy: bool = False) -> tuple[int, set[str]]:
        """How well ``text`` names entities, and which."""
        key = phrase_key(text)
        if not key:
            return 0, set()
        if " ".join(words(text)) in self.exact:
            return STRONG, self.phrases[key]
        if not _joins_a_name(text):
            return 0, set()
        if key in self.phrases:
            return STRONG, self.phrases[key]
        bag = bag_key(text)
        if len(bag) > 1 and bag in self.bags:
            return BAG, self.bags[bag]
        if key in self.shorts:
            return SHORT, self.shorts[key]
        if fuzzy and len(key) >= 5:
            best = process.extractOne(key, self.phrase_list, scorer=fuzz.ratio)
            if best and best[1] >= FUZZY_CUTOFF:
                return FUZZY, self.phrases[best[0]]
        return 0, set()

    def mentions(self, tokens: list[str], taken: set[int], fuzzy: bool = False) -> list[Mention]:
        """Non-overlapping mentions in a tokenised question, longest and best first."""
        found: list[Mention] = []
        n = len(tokens)
        for length in range(min(n, 14), 0, -1):
            for start in range(0, n - length + 1):
                span = set(range(start, start + length))
                if span & taken:
                    continue
                if tokens[start].lower() in FILLER or tokens[start + length - 1].lower() in FILLER:
                    continue  # "the PTC" is found as "PTC"; "on to the Council" as "Council"
                text = " ".join(tokens[start : start + length])
                quality, iris = self.lookup(text, fuzzy=fuzzy and length <= 5)
                if not quality:
                    continue
                entities = tuple(
                    sorted(
                        (self.entities[iri] for iri in iris),
                        # a web page titled like a body is about it, not it
                        key=lambda e: ("Document" in e.kinds, -e.decisions, e.iri),
                    )
                )
                found.append(Mention(start, start + length, text, entities, quality))
                taken |= span
        return sorted(found, key=lambda m: m.start)

    def names_of_kind(self, kind: str | None) -> list[str]:
        return sorted(e.label for e in self.entities.values() if kind is None or kind in e.kinds)


# Words that join the parts of a name ("Working Group on the WTO Agreement"); a span holding any
# other short word ("the PTC in its work programme") is two phrases, not one name in another order.
NAME_JOINERS = frozenset({"the", "of", "on", "for", "and", "wco", "to"})


def _joins_a_name(text: str) -> bool:
    return all(w in NAME_JOINERS or w not in FILLER for w in words(text))
