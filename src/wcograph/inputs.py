"""Reading the files a user hands over (RDF files, SPARQL query files) without trusting them.

One reader for every command: a file must be a regular file under a size limit, text must be
UTF-8 without NUL bytes, RDF/XML may not declare a DOCTYPE (its entities expand without bound:
a 1 KB file of nested entities grows to gigabytes), and nothing a file says is fetched: a query
with SERVICE, an update, or an ontology with owl:imports is refused with a message instead.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, parse

from wcograph.errors import Problem, QueryError, WcographError
from wcograph.namespaces import OWL

MAX_RDF_BYTES = 64 * 1024 * 1024
"""An RDF file larger than this is refused (the whole built graph is under 3 MB)."""
MAX_QUERY_BYTES = 256 * 1024
"""A query file larger than this is refused (the library's largest is under 4 KB)."""

RDF_FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "rdf": RdfFormat.RDF_XML,
    "owl": RdfFormat.RDF_XML,
    "n3": RdfFormat.N3,
}
OWL_IMPORTS = NamedNode(OWL + "imports")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def read_bytes(path: Path, limit: int | None, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (no limit: None); anything else is
    bad input.

    Devices, FIFOs and folders are refused before they are opened (reading /dev/zero never
    ends); the size is checked before reading and again while reading, in case it grows.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise WcographError(Problem("no such file", path)) from None
    except OSError as err:
        raise WcographError(Problem(f"cannot read the {what}: {err.strerror}", path)) from None
    if not stat.S_ISREG(info.st_mode):
        raise WcographError(Problem(f"not a regular file: a {what} must be a plain file", path))
    if limit is not None and info.st_size > limit:
        raise WcographError(_too_large(path, info.st_size, limit, what))
    try:
        with path.open("rb") as stream:
            content = stream.read(-1 if limit is None else limit + 1)
    except OSError as err:
        raise WcographError(Problem(f"cannot read the {what}: {err.strerror}", path)) from None
    if limit is not None and len(content) > limit:
        raise WcographError(_too_large(path, len(content), limit, what))
    return content


def _too_large(path: Path, size: int, limit: int, what: str) -> Problem:
    return Problem(f"the {what} is too large ({size:,} bytes; the limit is {limit:,})", path)


def decode_text(content: bytes, path: Path, what: str = "file") -> str:
    """UTF-8 text without NUL bytes, or a message naming the line of the first bad byte."""
    if b"\0" in content:
        line = content.count(b"\n", 0, content.index(b"\0")) + 1
        raise WcographError(
            Problem(f"the {what} contains a NUL byte: it is binary, not text", path, line)
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as err:
        line = content.count(b"\n", 0, err.start) + 1
        raise WcographError(
            Problem(
                f"the {what} is not UTF-8 (byte 0x{content[err.start]:02x})",
                path,
                line,
                "save it as UTF-8",
            )
        ) from None


# --- RDF --------------------------------------------------------------------------------------


def rdf_format(path: Path) -> RdfFormat:
    suffix = path.suffix.lstrip(".").lower()
    if suffix not in RDF_FORMATS:
        raise WcographError(
            Problem(
                f"cannot tell the RDF format of '.{suffix}'",
                path,
                hint=f"use one of: .{', .'.join(RDF_FORMATS)}",
            )
        )
    return RDF_FORMATS[suffix]


def read_rdf(path: Path, limit: int | None = MAX_RDF_BYTES) -> list[Quad]:
    """The quads of an RDF file (format from its extension), relative IRIs against the file's
    IRI. Refused: a file too large, with a DOCTYPE or entity declaration, malformed, or holding no
    triple at all. ``limit=None`` only for the files wcograph writes itself (a 100x benchmark
    graph is larger than any file a user hands over)."""
    fmt = rdf_format(path)
    content = read_bytes(path, limit, "RDF file")
    if fmt == RdfFormat.RDF_XML and _DOCTYPE.search(content):
        raise WcographError(
            Problem(
                "RDF/XML with a DOCTYPE or ENTITY declaration is refused: entities can expand "
                "without bound or read other files",
                path,
                hint="expand the entities yourself, or convert the file to Turtle",
            )
        )
    try:
        quads = list(parse(content, format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as err:
        raise WcographError(Problem(f"not valid RDF: {_remote_hint(str(err))}", path)) from None
    except ValueError as err:
        raise WcographError(Problem(f"cannot read as RDF: {err}", path)) from None
    if not quads:
        raise WcographError(
            Problem("the file holds no triple: an empty graph is not something to check", path)
        )
    return quads


def read_rdf_triples(path: Path) -> list[Triple]:
    """An RDF file's triples, as ``read_rdf`` reads them, named graphs merged into one graph."""
    return list(dict.fromkeys(quad.triple for quad in read_rdf(path)))


def _remote_hint(message: str) -> str:
    if "LoadDocumentCallback" in message:
        return "a remote JSON-LD @context is not fetched: give the context inline"
    return message


def refuse_imports(quads: Iterable[Quad]) -> None:
    """Nothing is fetched to reason: an owl:imports is refused with the ontology it names."""
    imported = sorted({str(quad.object) for quad in quads if quad.predicate == OWL_IMPORTS})
    if imported:
        raise WcographError(
            Problem(
                f"owl:imports of {', '.join(imported)} is refused: "
                "wcograph never fetches anything from the network",
                hint="download the ontology yourself and add its file with --with FILE",
            )
        )


# --- SPARQL -----------------------------------------------------------------------------------

# Strings, IRIs and comments first, so that a keyword inside them is not taken for one.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
    r"|[?$][\w]+"
    r"|[A-Za-z_][\w.-]*:[\w.:-]*"
    r"|[A-Za-z_]\w*"
    r"|\S",
    re.DOTALL,
)
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
PROLOGUE = {"BASE", "PREFIX"}


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased, outside strings, IRIs and comments."""
    return [
        token.upper()
        for token in _TOKEN.findall(text)
        if token[0].isalpha() or token[0] == "_"
        if ":" not in token
    ]


def check_query_text(text: str, origin: Path | None = None) -> None:
    """Refuse an update (INSERT, DELETE, LOAD, ...) and a federated query (SERVICE)."""
    words = keywords(text)
    first = next((word for word in words if word not in PROLOGUE), "")
    if first in UPDATE_KEYWORDS or first == "WITH":
        raise QueryError(
            Problem(
                f"updates are not allowed ({first}): wcograph answers questions, it never "
                "changes the graph",
                origin,
                hint="write a SELECT query",
            )
        )
    if "SERVICE" in words:
        raise QueryError(
            Problem(
                "SERVICE is not allowed: wcograph never sends a query over the network",
                origin,
                hint="query the local graph only",
            )
        )


def read_query_file(path: Path) -> str:
    """A user's ``.rq`` file: small, UTF-8 text, a query (not an update), and local."""
    text = decode_text(read_bytes(path, MAX_QUERY_BYTES, "query file"), path, "query file")
    check_query_text(text, path)
    return text
