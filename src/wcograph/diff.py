"""Two builds of the graph compared: per class, the entities added, removed and changed, and in
words the changes that matter to a user of the data (reporting lines added or ended, decisions
added, lifecycle events, label changes). The data section of the CHANGELOG is written by it.

A side is a dist/ folder (its wcograph.nt), an RDF file, a data/ folder (built in memory), or a
git revision of data/ (``git:REV``, or ``git:REV:path/to/data``), exported with ``git archive``
and built with the current code, so that two revisions differ only by their data.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from wcograph.errors import Problem, WcographError
from wcograph.namespaces import ID, PREFIXES, WCO, compact, readable

RDF_TYPE = PREFIXES["rdf"] + "type"
LABEL = PREFIXES["rdfs"] + "label"
CURATED_AT = WCO + "curatedAt"
"""Where a node was curated (file:line) moves with every edit above it: not a change of the data."""
FORMATS = ("markdown", "json", "table")

Facts = dict[str, set[tuple[str, str]]]


@dataclass
class Side:
    """One build: every entity's facts (predicate, object in N-Triples form) and its class."""

    name: str
    facts: Facts

    def value(self, node: str, predicate: str) -> str | None:
        values = sorted(obj for pred, obj in self.facts.get(node, ()) if pred == predicate)
        return _plain(values[0]) if values else None

    def values(self, node: str, predicate: str) -> list[str]:
        return sorted(obj for pred, obj in self.facts.get(node, ()) if pred == predicate)

    def kind(self, node: str) -> str:
        types = self.values(node, RDF_TYPE)
        return compact(types[0][1:-1]) if types else "(untyped)"

    def label(self, node: str) -> str:
        return self.value(node, LABEL) or "id:" + node[len(ID) + 1 : -1]


@dataclass
class ClassChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


@dataclass
class GraphDiff:
    old: str
    new: str
    classes: dict[str, ClassChanges]
    reporting_added: list[str]
    reporting_ended: list[str]
    decisions_added: list[str]
    lifecycle_events: list[str]
    label_changes: list[str]

    decisions_total: int = 0

    @property
    def in_words(self) -> dict[str, tuple[str, list[str]]]:
        """Heading -> (how many, one line per change)."""
        decisions = (
            f"{self.decisions_total} at {len(self.decisions_added)} meetings"
            if self.decisions_added
            else "none"
        )
        return {
            "Reporting lines added": (_how_many(self.reporting_added), self.reporting_added),
            "Reporting lines ended": (_how_many(self.reporting_ended), self.reporting_ended),
            "Decisions added": (decisions, self.decisions_added),
            "Lifecycle events added": (_how_many(self.lifecycle_events), self.lifecycle_events),
            "Labels changed": (_how_many(self.label_changes), self.label_changes),
        }


def _how_many(items: list[str]) -> str:
    return str(len(items)) if items else "none"


# --- reading a side ---------------------------------------------------------------------------


def read_side(spec: str, repo: Path | None = None) -> Side:
    if spec.startswith("git:"):
        return Side(spec, _facts(_git_data_quads(spec, repo or Path.cwd())))
    path = Path(spec)
    if path.is_dir():
        if (path / "wcograph.nt").is_file():
            return Side(spec, _facts(_rdf(path / "wcograph.nt")))
        data = path if (path / "sources.yaml").is_file() else path / "data"
        if (data / "sources.yaml").is_file():
            return Side(spec, _facts(_compiled(data)))
        raise WcographError(
            Problem("neither a build (wcograph.nt) nor a data folder (sources.yaml)", path)
        )
    return Side(spec, _facts(_rdf(path)))


def _rdf(path: Path) -> list[Quad]:
    from wcograph.inputs import read_rdf

    return read_rdf(path)


def _compiled(data_dir: Path) -> list[Quad]:
    from wcograph.pipeline import compile_graph

    return compile_graph(data_dir).data_quads


def _git_data_quads(spec: str, repo: Path) -> list[Quad]:
    revision, _, folder = spec.removeprefix("git:").partition(":")
    folder = folder.strip("/") or "data"
    try:
        toplevel = _git(repo, "rev-parse", "--show-toplevel").decode().strip()
        archive = _git(Path(toplevel), "archive", "--format=tar", revision, "--", folder)
    except (OSError, subprocess.CalledProcessError) as err:
        detail = getattr(err, "stderr", b"") or str(err).encode()
        raise WcographError(
            Problem(
                f"cannot read {folder}/ at git revision {revision!r}: "
                + detail.decode(errors="replace").strip(),
                hint="give a revision of this repository, e.g. git:v0.1.0 or git:HEAD~3",
            )
        ) from None
    with tempfile.TemporaryDirectory(prefix="wcograph-diff-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(temporary, filter="data")
        return _compiled(Path(temporary) / folder)


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout


def _facts(quads: list[Quad]) -> Facts:
    facts: Facts = defaultdict(set)
    for quad in quads:
        subject = str(quad.subject)
        if subject.startswith(f"<{ID}") and quad.predicate.value != CURATED_AT:
            facts[subject].add((quad.predicate.value, str(quad.object)))
    return dict(facts)


# --- comparing --------------------------------------------------------------------------------


def diff_sides(old: Side, new: Side) -> GraphDiff:
    classes: dict[str, ClassChanges] = defaultdict(ClassChanges)
    for node in sorted(old.facts.keys() | new.facts.keys()):
        if node not in old.facts:
            classes[new.kind(node)].added.append(node)
        elif node not in new.facts:
            classes[old.kind(node)].removed.append(node)
        elif old.facts[node] != new.facts[node]:
            classes[new.kind(node)].changed.append(node)
    return GraphDiff(
        old=old.name,
        new=new.name,
        classes=dict(sorted(classes.items())),
        reporting_added=_reporting_added(old, new),
        reporting_ended=_reporting_ended(old, new),
        decisions_added=_decisions_added(old, new),
        decisions_total=len(_nodes_of(new, "Decision") - _nodes_of(old, "Decision")),
        lifecycle_events=_lifecycle_added(old, new),
        label_changes=[
            f"{_id(node)}: “{old.label(node)}” → “{new.label(node)}”"
            for node in sorted(old.facts.keys() & new.facts.keys())
            if old.value(node, LABEL) != new.value(node, LABEL)
        ],
    )


def _nodes_of(side: Side, cls: str) -> set[str]:
    wanted = "<" + WCO + cls + ">"
    return {node for node, facts in side.facts.items() if (RDF_TYPE, wanted) in facts}


def _owner(side: Side, predicate: str, target: str) -> str | None:
    owners = sorted(
        node for node, facts in side.facts.items() if (WCO + predicate, target) in facts
    )
    return owners[0] if owners else None


def _line_words(side: Side, line: str) -> str:
    body = _owner(side, "reportingLine", line)
    superior = side.values(line, WCO + "superior")
    words = f"{side.label(body) if body else _id(line)} → " + (
        side.label(superior[0]) if superior else "?"
    )
    details = [side.value(line, WCO + "evidence") or ""]
    if start := side.value(line, WCO + "validFrom"):
        details.append(f"from {start}")
    if end := side.value(line, WCO + "validUntil"):
        details.append(f"until {end}")
    return f"{words} ({', '.join(d for d in details if d)})"


def _reporting_added(old: Side, new: Side) -> list[str]:
    lines = _nodes_of(new, "ReportingLine") - _nodes_of(old, "ReportingLine")
    return sorted(_line_words(new, line) for line in lines)


def _reporting_ended(old: Side, new: Side) -> list[str]:
    ended = []
    for line in sorted(_nodes_of(old, "ReportingLine") & _nodes_of(new, "ReportingLine")):
        if new.value(line, WCO + "validUntil") != old.value(line, WCO + "validUntil"):
            ended.append(_line_words(new, line))
    for line in sorted(_nodes_of(old, "ReportingLine") - _nodes_of(new, "ReportingLine")):
        ended.append(f"{_line_words(old, line)}: no longer in the data")
    current = {
        (node, obj)
        for node, facts in old.facts.items()
        for pred, obj in facts
        if pred == WCO + "reportsTo"
    }
    for node, superior in sorted(current):
        if (WCO + "reportsTo", superior) not in new.facts.get(node, set()):
            ended.append(f"{old.label(node)} no longer reports to {old.label(superior)} today")
    return ended


def _decisions_added(old: Side, new: Side) -> list[str]:
    added = _nodes_of(new, "Decision") - _nodes_of(old, "Decision")
    per_meeting: dict[str, Counter[str]] = defaultdict(Counter)
    for decision in added:
        meeting = new.values(decision, WCO + "madeAt")
        kind = new.values(decision, WCO + "decisionType")
        per_meeting[meeting[0] if meeting else "?"][
            kind[0].rsplit("/", 1)[-1].rstrip(">") if kind else "?"
        ] += 1
    return [
        f"{new.label(meeting)}: {sum(types.values())} "
        f"({', '.join(f'{n} {t}' for t, n in sorted(types.items()))})"
        for meeting, types in sorted(per_meeting.items(), key=lambda item: new.label(item[0]))
    ]


def _lifecycle_added(old: Side, new: Side) -> list[str]:
    events = _nodes_of(new, "LifecycleEvent") - _nodes_of(old, "LifecycleEvent")
    return sorted(
        new.label(event) + (f" ({day})" if (day := new.value(event, WCO + "date")) else "")
        for event in events
    )


def _id(node: str) -> str:
    return readable(node[1:-1])


def _plain(term: str) -> str:
    """A literal's lexical form, an IRI as written."""
    if term.startswith('"'):
        return json.loads(term[: term.rindex('"') + 1])  # type: ignore[no-any-return]
    return term


# --- rendering --------------------------------------------------------------------------------


def render_diff(diff: GraphDiff, fmt: str) -> str:
    if fmt == "json":
        document = asdict(diff)
        document["classes"] = {
            cls: {k: [_id(n) for n in v] for k, v in asdict(changes).items()}
            for cls, changes in diff.classes.items()
        }
        return json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    counts = [
        [cls, str(len(c.added)), str(len(c.removed)), str(len(c.changed))]
        for cls, c in diff.classes.items()
    ]
    headers = ["class", "added", "removed", "changed"]
    out: list[str] = []
    if fmt == "markdown":
        out += [f"Compared `{diff.old}` with `{diff.new}`.", "", "#### Entities per class", ""]
        if counts:
            out += ["| " + " | ".join(headers) + " |", "|---|--:|--:|--:|"]
            out += ["| " + " | ".join(row) + " |" for row in counts]
        else:
            out.append("No entity added, removed or changed.")
        out += ["", "#### Changes that matter", ""]
        for title, (count, items) in diff.in_words.items():
            out.append(f"- **{title}**: {count}")
            out += [f"  - {item}" for item in items]
    else:
        from wcograph.query.tables import aligned

        out += [f"{diff.old} -> {diff.new}", ""]
        out += aligned(headers, counts) if counts else ["no entity added, removed or changed"]
        for title, (count, items) in diff.in_words.items():
            out += ["", f"{title}: {count}", *(f"  - {item}" for item in items)]
    return "\n".join(out) + "\n"


START, END = "<!-- diff:start -->\n", "<!-- diff:end -->"


def write_between_markers(path: Path, report: str) -> None:
    """Replace what stands between the START and END lines of a file (atomically)."""
    from wcograph.output import write_atomically

    text = path.read_text(encoding="utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise WcographError(
            Problem(f"expected one '{START.strip()}' line and one '{END}' line after it", path)
        )
    before, rest = text.split(START)
    after = rest.split(END)[1]
    write_atomically({path: (before + START + report + END + after).encode()})
