"""XSD literals as SHACL needs them: is a lexical form well formed, and how do two values compare.

Written by hand on purpose: the store (pyoxigraph) normalises typed literals on load and rdflib
casts through Python types, so neither tells whether ``"300"^^xsd:byte`` or a 23-digit
``xsd:integer`` is valid. The rules are those of XML Schema 1.1 Part 2 (lexical spaces and value
ranges of the built-in types).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode

from wcograph.namespaces import RDF, XSD

INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}
TIMEZONE = r"(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?"
YEAR = r"-?([1-9]\d{4,}|\d{4})"
PATTERNS = {
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "float": r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN",
    "double": r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN",
    "boolean": r"true|false|1|0",
    "date": YEAR + r"-\d{2}-\d{2}" + TIMEZONE,
    "dateTime": YEAR + r"-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?" + TIMEZONE,
    "time": r"\d{2}:\d{2}:\d{2}(\.\d+)?" + TIMEZONE,
    "gYear": YEAR + TIMEZONE,
    "gYearMonth": YEAR + r"-(0[1-9]|1[0-2])" + TIMEZONE,
    "gMonth": r"--(0[1-9]|1[0-2])" + TIMEZONE,
    "gDay": r"---(0[1-9]|[12]\d|3[01])" + TIMEZONE,
    "gMonthDay": r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])" + TIMEZONE,
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
    "hexBinary": r"([0-9a-fA-F]{2})*",
    "language": r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
}
COMPILED = {name: re.compile(pattern) for name, pattern in PATTERNS.items()}
NUMERIC = {*INTEGER_RANGES, "decimal", "float", "double"}
TEMPORAL = {"date": date, "dateTime": datetime, "time": time}


INTEGER = re.compile(r"[+-]?\d+")
OFFSET = re.compile(r"[+-]\d{2}:\d{2}$")
MEMO = 1 << 16
"""Lexical forms remembered per function: values repeat across a graph (dates, numbers)."""


def well_formed(literal: Literal) -> bool:
    """Whether the literal's lexical form is in its (XSD) datatype's lexical space and range.
    Datatypes this module does not know are taken as well formed."""
    return _well_formed(literal.datatype.value, literal.value)


@lru_cache(maxsize=MEMO)
def _well_formed(datatype: str, lexical: str) -> bool:
    if not datatype.startswith(XSD):
        return True
    name = datatype.removeprefix(XSD)
    if name in INTEGER_RANGES:
        if not INTEGER.fullmatch(lexical):
            return False
        low, high = INTEGER_RANGES[name]
        number = int(lexical)
        return (low is None or number >= low) and (high is None or number <= high)
    if name in COMPILED and not COMPILED[name].fullmatch(lexical):
        return False
    if name in TEMPORAL:
        return _temporal(name, lexical) is not None
    return True


@lru_cache(maxsize=MEMO)
def _temporal(name: str, lexical: str) -> date | datetime | time | None:
    text = lexical.replace("Z", "+00:00")
    try:
        if name == "date":
            offset = OFFSET.search(text)
            return date.fromisoformat(text[: offset.start()] if offset else text)
        if name == "dateTime":
            text = text.replace("T24:00:00", "T00:00:00")
            return datetime.fromisoformat(text)
        return time.fromisoformat(text)
    except ValueError:
        return None


def _number(literal: Literal) -> Decimal | float | int | None:
    return _number_of(literal.datatype.value, literal.value)


@lru_cache(maxsize=MEMO)
def _number_of(datatype: str, lexical: str) -> Decimal | float | int | None:
    name = datatype.removeprefix(XSD)
    if not _well_formed(datatype, lexical):
        return None
    if name in INTEGER_RANGES:
        return int(lexical)
    if name == "decimal":
        try:
            return Decimal(lexical)
        except InvalidOperation:
            return None
    number = float(lexical.replace("INF", "inf"))
    return None if number != number else number  # NaN compares with nothing


def compare(
    left: NamedNode | BlankNode | Literal, right: NamedNode | BlankNode | Literal
) -> int | None:
    """-1, 0 or 1 as SPARQL's < and = order the two values; None when they do not compare."""
    if not isinstance(left, Literal) or not isinstance(right, Literal):
        return None
    left_type, right_type = left.datatype.value, right.datatype.value
    left_name, right_name = left_type.removeprefix(XSD), right_type.removeprefix(XSD)
    if left_type.startswith(XSD) and right_type.startswith(XSD):
        if left_name in NUMERIC and right_name in NUMERIC:
            a, b = _number(left), _number(right)
            return None if a is None or b is None else (a > b) - (a < b)
        if left_name == right_name and left_name in TEMPORAL:
            x, y = _temporal(left_name, left.value), _temporal(left_name, right.value)
            if x is None or y is None or _aware(x) != _aware(y):
                return None
            return (x > y) - (x < y)  # type: ignore[operator]
        if left_name == right_name == "string":
            return (left.value > right.value) - (left.value < right.value)
        if left_name == right_name == "boolean" and well_formed(left) and well_formed(right):
            p, q = left.value in ("true", "1"), right.value in ("true", "1")
            return (p > q) - (p < q)
    if left_type == right_type == RDF + "langString" and left.language == right.language:
        return (left.value > right.value) - (left.value < right.value)
    return None


def _aware(value: date | datetime | time) -> bool:
    return getattr(value, "tzinfo", None) is not None
