"""Words as questions write them -> comparable keys: case, accents, punctuation, plurals and the
abbreviations reports use ("WG", "FoS") folded away, so "the E-Commerce WG" and "Working Group
on E-Commerce" share a key."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Abbreviations written in names, spelled out as the labels spell them.
EXPANSIONS = {
    "wg": ("working", "group"),
    "wgs": ("working", "group"),
    "fos": ("framework", "of", "standard"),
    "ecommerce": ("e", "commerce"),
    "cc": ("contact", "committee"),
    "vwg": ("virtual", "working", "group"),
}
# Words that do not tell two names apart ("the", "WCO", "on" ...).
FILLER = frozenset({"the", "wco", "of", "on", "for", "and", "a", "an", "to", "in", "s", "its"})


def fold(text: str) -> str:
    """Lower case without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The words of a text, folded, with "'s" dropped."""
    return [w.removesuffix("'s") for w in _WORD.findall(fold(text))]


def stem(word: str) -> str:
    """A crude English stem, the same for a cue in intents.yaml and a word in a question:
    "reports", "reported", "reporting" -> "report"; "bodies" -> "body"."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            break  # "express", "status", "basis" are not plurals
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def name_tokens(text: str) -> tuple[str, ...]:
    """The tokens a name is compared by: abbreviations spelled out, singular, no filler."""
    tokens: list[str] = []
    for word in words(text.replace("-", " ").replace("/", " ")):
        for part in EXPANSIONS.get(word, (word,)):
            token = stem(part)
            if token not in FILLER:
                tokens.append(token)
    return tuple(tokens)


def phrase_key(text: str) -> str:
    return " ".join(name_tokens(text))


def bag_key(text: str) -> frozenset[str]:
    return frozenset(name_tokens(text))
