"""YAML files -> records, with every error naming its file and line.

Files are read with PyYAML's safe loader; the node tree is kept so that a schema error's
location (``reports_to.0.until``) can be turned back into a line. Cross-file checks (duplicate
ids, unknown references) run here too, so the build only ever sees consistent records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pyoxigraph import NamedNode

from wcograph.assets import DECISION_TYPES_FILE
from wcograph.errors import DataError, Problem, WcographError
from wcograph.inputs import decode_text, read_bytes, read_rdf
from wcograph.namespaces import DECISION_TYPE, term
from wcograph.records.model import (
    Body,
    Curated,
    Instrument,
    LabelsFile,
    MeetingsFile,
    Organisation,
    Person,
    SourcesFile,
    agenda_item_id,
    decision_id,
)
from wcograph.records.references import references_of

RecordT = TypeVar("RecordT", bound=BaseModel)

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DATA_FILE_BYTES = 1024 * 1024
"""A curated file larger than this is refused (the largest, a whole meeting, is under 70 KB)."""

ENTITY_FOLDERS: dict[str, type[BaseModel]] = {
    "bodies": Body,
    "organisations": Organisation,
    "people": Person,
    "instruments": Instrument,
}


@dataclass(frozen=True)
class Origin:
    """Where a record was curated: the file and the line its mapping starts on."""

    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file.as_posix()}:{self.line}"


@dataclass
class LoadedData:
    curated: Curated
    data_dir: Path
    origins: dict[str, Origin] = field(default_factory=dict)
    """Origin of every record that gets an IRI, by its id."""
    decision_types: frozenset[str] = frozenset()
    """The decision types of ontology/decision-types.ttl, by slug: read here so that the build
    reads no file."""


@dataclass
class _Document:
    path: Path
    data: Any
    root: yaml.Node

    def line_of(self, loc: tuple[int | str, ...]) -> int:
        """The line of the deepest node the location path reaches (1-based)."""
        node = self.root
        for key in loc:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, key: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key or (key == "from_" and key_node.value == "from"):
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def read_yaml(path: Path) -> _Document:
    """Parse once (libyaml's C safe loader when available) and keep the node tree, whose marks
    give every value's line.

    Refused before anything is built from the file: a file over MAX_DATA_FILE_BYTES, NUL bytes,
    text that is not UTF-8, aliases (an alias bomb expands exponentially in every walk over the
    values) and a key given twice in one mapping (YAML would keep the last one silently).
    """
    try:
        text = decode_text(read_bytes(path, MAX_DATA_FILE_BYTES, "data file"), path, "data file")
    except WcographError as err:
        raise DataError(err.problems) from None
    loader = SAFE_LOADER(text)
    root = None
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_nodes(path, root)
        data = loader.construct_document(root) if root is not None else None
    except ValueError as err:  # PyYAML builds dates itself and fails on 2023-13-45
        raise DataError(_impossible_date(path, root, err)) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        caret = _caret(text, mark) if mark else ""
        raise DataError(
            Problem(f"malformed YAML: {err.problem or err}{caret}", path, line)
        ) from None
    except yaml.YAMLError as err:  # the reader's "special characters are not allowed"
        raise DataError(Problem(f"malformed YAML: {err}", path)) from None
    finally:
        loader.dispose()
    if root is None:
        raise DataError(Problem("the file is empty", path, 1))
    return _Document(path, data, root)


def _check_nodes(path: Path, root: yaml.Node) -> None:
    """Walk the node tree once: no node may be reached twice (an alias), no mapping may give a
    key twice. Each node is visited once, so the walk is bounded by the file's size."""
    seen: set[int] = set()
    pending: list[tuple[yaml.Node, yaml.Node | None]] = [(root, None)]
    while pending:
        node, parent_key = pending.pop()
        if id(node) in seen:
            where = (parent_key or node).start_mark.line + 1
            raise DataError(
                Problem(
                    "aliases (*name) are not allowed in curated data",
                    path,
                    where,
                    "write the value out in full; anchors and aliases can expand without bound",
                )
            )
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend((child, parent_key) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            first_line: dict[tuple[str, object], int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line, name = key.start_mark.line + 1, (key.tag, key.value)
                    if name in first_line:
                        raise DataError(
                            Problem(
                                f"duplicate key {key.value!r} (first given at "
                                f"{path.as_posix()}:{first_line[name]})",
                                path,
                                line,
                                "a key appears once per mapping; merge the two values",
                            )
                        )
                    first_line[name] = line
                pending.append((key, None))
                pending.append((value, key))


def _impossible_date(path: Path, root: yaml.Node | None, err: ValueError) -> Problem:
    """The first date-like scalar that is not a calendar date, with its line."""
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except ValueError:
                return Problem(
                    f"{node.value!r} is not a calendar date ({err})",
                    path,
                    node.start_mark.line + 1,
                    "dates are YYYY, YYYY-MM or YYYY-MM-DD",
                )
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
    return Problem(f"cannot read: {err}", path)


def _caret(text: str, mark: yaml.Mark) -> str:
    lines = text.splitlines()
    if mark.line >= len(lines):
        return ""
    return f"\n    {lines[mark.line]}\n    {' ' * mark.column}^"


def parse_record(document: _Document, model: type[RecordT]) -> RecordT:
    try:
        return model.model_validate(document.data)
    except ValidationError as err:
        raise DataError([_schema_problem(document, error) for error in err.errors()]) from None


def _schema_problem(document: _Document, error: Any) -> Problem:
    loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
    where = ".".join(str(part) for part in loc) or "(top level)"
    message = error["msg"].removeprefix("Value error, ")
    hint = None
    if error["type"] == "extra_forbidden":
        hint = "unknown key; see data/README.md for the keys each record takes"
    elif error["type"] == "literal_error":
        hint = f"allowed: {error['ctx']['expected']}"
    elif error["type"] == "missing" and loc and loc[-1] == "source":
        hint = 'every statement cites its source: source: {doc: <id>, para: <n>} or lines: "a-b"'
    return Problem(f"{where}: {message}", document.path, document.line_of(loc), hint)


def load_data(data_dir: Path) -> LoadedData:
    """Read and check every curated file under ``data_dir``; raise one DataError listing all
    problems found."""
    problems: list[Problem] = []
    documents: dict[str, list[tuple[_Document, BaseModel]]] = {}

    def parse(path: Path, model: type[BaseModel], bucket: str) -> None:
        try:
            document = read_yaml(path)
            documents.setdefault(bucket, []).append((document, parse_record(document, model)))
        except DataError as err:
            problems.extend(err.problems)

    sources_path = data_dir / "sources.yaml"
    if not sources_path.exists():
        raise DataError(Problem("no sources.yaml: the data folder must list its sources", data_dir))
    unexpected = unexpected_files(data_dir)
    if unexpected:  # before reading anything: a link may lead out of the project
        raise DataError(unexpected)
    parse(sources_path, SourcesFile, "sources")
    for folder, model in ENTITY_FOLDERS.items():
        for path in sorted((data_dir / folder).glob("*.yaml")):
            parse(path, model, folder)
    for path in sorted((data_dir / "meetings").glob("*.yaml")):
        parse(path, MeetingsFile, "meetings")
    for path in sorted((data_dir / "labels").glob("*.yaml")):
        parse(path, LabelsFile, "labels")
    if problems:
        raise DataError(problems)

    def records(bucket: str) -> list[Any]:
        return [record for _, record in documents.get(bucket, [])]

    curated = Curated(
        sources=[doc for file in records("sources") for doc in file.documents],
        bodies=records("bodies"),
        organisations=records("organisations"),
        people=records("people"),
        instruments=records("instruments"),
        meeting_files=records("meetings"),
        translations=records("labels"),
    )
    loaded = LoadedData(curated, data_dir, decision_types=known_decision_types())
    problems.extend(_register_origins(loaded, documents))
    problems.extend(_check_file_names(documents))
    problems.extend(_check_references(loaded, documents))
    if problems:
        raise DataError(problems)
    return loaded


def known_decision_types(path: Path = DECISION_TYPES_FILE) -> frozenset[str]:
    """The slugs of the SKOS concepts of the decision-type scheme."""
    return frozenset(
        quad.subject.value[len(DECISION_TYPE) :]
        for quad in read_rdf(path)
        if quad.predicate == RDF_TYPE
        and quad.object == SKOS_CONCEPT
        and isinstance(quad.subject, NamedNode)
        and quad.subject.value.startswith(DECISION_TYPE)
    )


RDF_TYPE = term("rdf", "type")
SKOS_CONCEPT = term("skos", "Concept")
CURATED_FOLDERS = (*ENTITY_FOLDERS, "meetings", "labels")
TOP_LEVEL_FILES = ("sources.yaml", "README.md")


def unexpected_files(data_dir: Path) -> list[Problem]:
    """Every entry of the data folder the loader would not read: nothing is skipped silently.

    The folder holds sources.yaml, README.md and one folder per kind of record, each holding
    ``<id>.yaml`` files; anything else (another extension, folder or a symbolic link, which
    could lead out of the project) is named.
    """
    problems = []
    expected = (
        f"expected: {', '.join(TOP_LEVEL_FILES)} and the folders {', '.join(CURATED_FOLDERS)}"
    )
    for entry in sorted(data_dir.iterdir()):
        if entry.is_symlink():
            problems.append(Problem("symbolic links are not read in the data folder", entry))
        elif entry.is_dir() and entry.name in CURATED_FOLDERS:
            problems.extend(_unexpected_in_folder(entry))
        elif not (entry.is_file() and entry.name in TOP_LEVEL_FILES):
            problems.append(Problem("not a file or folder the loader reads", entry, hint=expected))
    return problems


def _unexpected_in_folder(folder: Path) -> list[Problem]:
    problems = []
    for entry in sorted(folder.iterdir()):
        if entry.is_symlink():
            problems.append(Problem("symbolic links are not read in the data folder", entry))
        elif not entry.is_file():
            problems.append(
                Problem(f"{folder.name}/ holds .yaml files only, not folders or devices", entry)
            )
        elif entry.suffix != ".yaml":
            problems.append(
                Problem(
                    f"unexpected file in {folder.name}/: curated files end in .yaml",
                    entry,
                    hint=f"rename it to {entry.stem}.yaml, or move it out of the data folder",
                )
            )
    return problems


# --- identities -------------------------------------------------------------------------------


def _identified(document: _Document, record: BaseModel) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every id a file defines, with its location path inside the file."""
    if isinstance(record, SourcesFile):
        for index, doc in enumerate(record.documents):
            yield doc.id, ("documents", index)
        return
    if isinstance(record, MeetingsFile):
        for m_index, meeting in enumerate(record.meetings):
            yield meeting.id, ("meetings", m_index)
            for item_id, loc in _agenda_ids(meeting.id, meeting.agenda, ("meetings", m_index)):
                yield item_id, loc
            for b_index, block in enumerate(meeting.decisions):
                for n, _ in enumerate(block.bullets, start=1):
                    loc = ("meetings", m_index, "decisions", b_index, "bullets", n - 1)
                    yield decision_id(meeting.id, block.para, n), loc
        for index, cited in enumerate(record.documents):
            yield cited.id, ("documents", index)
        return
    if isinstance(record, LabelsFile):
        return  # names entities defined elsewhere; defines none
    yield record.id, ()  # type: ignore[attr-defined]
    if isinstance(record, Instrument):
        for index, task in enumerate(record.tasks):
            yield task.id, ("tasks", index)


def _agenda_ids(
    meeting: str, items: list[Any], base: tuple[Any, ...]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for index, item in enumerate(items):
        loc = (*base, "agenda", index)
        yield agenda_item_id(meeting, item.number), loc
        for s_index, sub in enumerate(item.subitems):
            yield (
                agenda_item_id(meeting, f"{item.number}.{sub.number}"),
                (*loc, "subitems", s_index),
            )


def _register_origins(
    loaded: LoadedData, documents: dict[str, list[tuple[_Document, BaseModel]]]
) -> list[Problem]:
    problems = []
    for bucket in documents.values():
        for document, record in bucket:
            relative = _relative(document.path, loaded.data_dir)
            for identifier, loc in _identified(document, record):
                origin = Origin(relative, document.line_of(loc))
                if identifier in loaded.origins:
                    first = loaded.origins[identifier]
                    problems.append(
                        Problem(
                            f"duplicate id {identifier!r}: already defined at {first}",
                            document.path,
                            origin.line,
                            "ids are unique across the whole data set",
                        )
                    )
                else:
                    loaded.origins[identifier] = origin
    return problems


def _relative(path: Path, data_dir: Path) -> Path:
    try:
        return Path("data") / path.resolve().relative_to(data_dir.resolve())
    except ValueError:
        return path


def _check_file_names(documents: dict[str, list[tuple[_Document, BaseModel]]]) -> list[Problem]:
    problems = []
    for folder in ENTITY_FOLDERS:
        for document, record in documents.get(folder, []):
            if document.path.stem != record.id:  # type: ignore[attr-defined]
                problems.append(
                    Problem(
                        f"file name does not match id {record.id!r}",  # type: ignore[attr-defined]
                        document.path,
                        1,
                        f"rename the file to {record.id}.yaml",  # type: ignore[attr-defined]
                    )
                )
    # A meetings file is named after its source document, a labels file after its language.
    for bucket, key, what in (
        ("meetings", "document", "source document"),
        ("labels", "language", "language"),
    ):
        for document, record in documents.get(bucket, []):
            name = getattr(record, key)
            if document.path.stem != name:
                problems.append(
                    Problem(
                        f"a {bucket} file is named after its {what} ({name!r})", document.path, 1
                    )
                )
    return problems


# --- references -------------------------------------------------------------------------------


def _check_references(
    loaded: LoadedData, documents: dict[str, list[tuple[_Document, BaseModel]]]
) -> list[Problem]:
    kinds = _kinds(loaded.curated)
    source_docs = {doc.id for doc in loaded.curated.sources}
    problems = []
    for bucket in documents.values():
        for document, record in bucket:
            for reference in references_of(record):
                line = document.line_of(reference.loc)
                if reference.kind == "source":
                    if reference.target not in source_docs:
                        problems.append(
                            Problem(
                                f"source document {reference.target!r} is not in sources.yaml",
                                document.path,
                                line,
                                f"known: {', '.join(sorted(source_docs))}",
                            )
                        )
                    continue
                actual = kinds.get(reference.target)
                if actual is None:
                    problems.append(
                        Problem(
                            f"unknown reference {reference.target!r} ({reference.role})",
                            document.path,
                            line,
                            _suggest(reference.target, kinds),
                        )
                    )
                elif reference.kind != "any" and actual not in reference.kind.split("|"):
                    problems.append(
                        Problem(
                            f"{reference.role} must be a {reference.kind.replace('|', ' or ')}, "
                            f"but {reference.target!r} is {_article(actual)} {actual}",
                            document.path,
                            line,
                        )
                    )
    return problems


def _kinds(curated: Curated) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for body in curated.bodies:
        kinds[body.id] = "body"
    for organisation in curated.organisations:
        kinds[organisation.id] = "organisation"
    for person in curated.people:
        kinds[person.id] = "person"
    for instrument in curated.instruments:
        kinds[instrument.id] = "instrument"
        for task in instrument.tasks:
            kinds[task.id] = "task"
    for file in curated.meeting_files:
        for meeting in file.meetings:
            kinds[meeting.id] = "meeting"
            for block in meeting.decisions:
                for n, _ in enumerate(block.bullets, start=1):
                    kinds[decision_id(meeting.id, block.para, n)] = "decision"
            for item_id, _ in _agenda_ids(meeting.id, meeting.agenda, ()):
                kinds[item_id] = "agenda item"
        for cited in file.documents:
            kinds[cited.id] = "document"
    return kinds


def _suggest(target: str, kinds: dict[str, str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(target, kinds, n=3, cutoff=0.6)
    return f"did you mean {', '.join(close)}?" if close else "create its file, or fix the id"


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"
