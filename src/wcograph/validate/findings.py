"""Validation results as values: one Finding per problem, a ValidationReport holding them, and
the three ways to show a report (text for curators, JSON for tools, Turtle as a SHACL report).

Terms are kept in N-Triples form (``<iri>``, ``"5"^^<...#integer>``) produced by one function per
RDF library, so findings from different engines compare equal when they mean the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from itertools import groupby

from wcograph.namespaces import PREFIXES, SH, XSD, compact

SEVERITIES = ("Violation", "Warning", "Info")
CHECK_COMPONENT = SH + "SPARQLConstraintComponent"
"""The component of a finding from queries/checks/: a SPARQL query returned a row."""
CHECKS_PREFIX = "queries/checks/"


def literal_text(lexical: str, datatype: str | None, language: str | None) -> str:
    escaped = (
        lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    if language:
        return f'"{escaped}"@{language.lower()}'
    if datatype and datatype != XSD + "string":
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


@dataclass(frozen=True, order=True)
class Finding:
    """One validation result: a node breaks one constraint of one shape (or a check returned it)."""

    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    shape: str
    """The shape's IRI; for a check, its file: ``queries/checks/<name>.rq``."""
    component: str
    """The SHACL constraint component's IRI, or CHECK_COMPONENT."""
    focus: str
    """The focus node, in N-Triples form."""
    path: str | None = None
    """The property path in SPARQL syntax (``<iri>``, ``^<iri>``), if any."""
    value: str | None = None
    """The offending value, in N-Triples form, if any."""
    message: str = ""
    origin: str | None = field(default=None, compare=False)
    """Where the focus node was curated: ``data/<file>.yaml:<line>``."""

    @property
    def key(self) -> tuple[str, str, str, str, str | None, str | None]:
        """What two engines must agree on."""
        return (self.focus, self.shape, self.component, self.severity, self.path, self.value)

    @property
    def is_check(self) -> bool:
        return self.shape.startswith(CHECKS_PREFIX)


@dataclass(frozen=True)
class ValidationReport:
    findings: tuple[Finding, ...]
    engine: str
    constraints: int = 0
    """How many shape constraints were evaluated."""
    checks: tuple[str, ...] = ()
    """The violation queries that ran (queries/checks/, by name)."""
    shape_files: dict[str, str] = field(default_factory=dict)
    """Shape IRI -> the shapes file that defines it."""

    tolerated: tuple[str, ...] = ("Warning", "Info")
    """Severities that do not break conformance: the project's own graph passes with warnings;
    ``()`` is the SHACL rule (a report conforms only when it has no results at all)."""

    @property
    def conforms(self) -> bool:
        """True when no finding has a severity outside ``tolerated``."""
        return all(f.severity in self.tolerated for f in self.findings)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    def summary(self) -> str:
        counts = ", ".join(
            f"{n} {severity.lower()}{'s' if n != 1 else ''}"
            for severity in SEVERITIES
            if (n := sum(1 for f in self.findings if f.severity == severity))
            or severity == "Violation"
        )
        if custom := sum(1 for f in self.findings if f.severity not in SEVERITIES):
            counts += f", {custom} of other severities"
        verdict = "conforms" if self.conforms else "does not conform"
        return (
            f"{verdict}: {counts} ({self.constraints} shape constraints and "
            f"{len(self.checks)} checks, engine {self.engine})"
        )


def sorted_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (_severity_rank(f.severity), f.shape, f.focus, f)))


def _severity_rank(severity: str) -> int:
    """Violation, Warning, Info, then custom severities (IRIs)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


# --- rendering --------------------------------------------------------------------------------


def _show(term: str | None) -> str:
    if term is None:
        return ""
    if term.startswith("<") and term.endswith(">"):
        return compact(term[1:-1])
    if "^^<" in term:
        lexical, _, datatype = term.rpartition("^^<")
        return f"{lexical}^^{compact(datatype[:-1])}"
    return term


def _show_path(path: str | None) -> str:
    if path is None:
        return ""
    return re.sub(r"<[^>]*>", lambda iri: _show(iri.group(0)), path)


DEFAULT_LIMIT = 10
"""Findings shown per shape unless asked otherwise: with about 140 shapes and checks, a report
stays under a few thousand lines however broken the graph is."""


def by_shape(findings: Iterable[Finding]) -> list[tuple[tuple[str, str], list[Finding]]]:
    """The findings grouped by (severity, shape), in report order."""
    return [(key, list(group)) for key, group in groupby(findings, key=_shape_key)]


def _shape_key(finding: Finding) -> tuple[str, str]:
    return finding.severity, finding.shape


def shown_findings(report: ValidationReport, limit: int | None) -> list[Finding]:
    """The first ``limit`` findings of each shape (all of them when limit is None or 0)."""
    return [
        finding
        for _, findings in by_shape(report.findings)
        for finding in (findings[:limit] if limit else findings)
    ]


def _shape_title(
    report: ValidationReport, severity: str, shape: str, findings: list[Finding]
) -> str:
    where = report.shape_files.get(shape, "")
    name = shape if findings[0].is_check else _show("<" + shape + ">")
    return f"{severity.upper()} {name}" + (f" ({where})" if where else "")


def render_text(report: ValidationReport, limit: int | None = DEFAULT_LIMIT) -> str:
    """A summary by shape, then the first ``limit`` findings of each shape grouped by focus
    node, with the YAML file and line of each node; the total is always printed."""
    groups = by_shape(report.findings)
    lines = [f"validation {report.summary()}", f"{len(report.findings)} findings in total"]
    if len(groups) > 1:
        lines.append("by shape:")
        lines += [
            f"  {len(findings):>7}  {_shape_title(report, *key, findings)}"
            for key, findings in groups
        ]
    for (severity, shape), all_findings in groups:
        findings = all_findings[:limit] if limit else all_findings
        lines.append("")
        lines.append(f"{_shape_title(report, severity, shape, findings)}: {len(all_findings)}")
        lines.append(f"  {findings[0].message}")
        for focus, per_focus in groupby(findings, key=lambda f: f.focus):
            items = list(per_focus)
            origin = items[0].origin or "(not from curated YAML)"
            lines.append(f"  - {_show(focus)}  at {origin}")
            for finding in items:
                detail = [_show_path(finding.path)] if finding.path else []
                if finding.value is not None and finding.value != finding.focus:
                    detail.append(f"value {_show(finding.value)}")
                component = finding.component.removeprefix(SH).removesuffix("ConstraintComponent")
                if not finding.is_check:
                    lines.append(
                        f"      {component}" + (f": {', '.join(detail)}" if detail else "")
                    )
                elif detail:
                    lines.append(f"      {', '.join(detail)}")
        if len(findings) < len(all_findings):
            lines.append(
                f"  ... and {len(all_findings) - len(findings)} more "
                f"(the first {len(findings)} shown; --limit 0 shows all)"
            )
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport, limit: int | None = DEFAULT_LIMIT) -> str:
    shown = shown_findings(report, limit)
    return (
        json.dumps(
            {
                "conforms": report.conforms,
                "engine": report.engine,
                "violations": len(report.violations),
                "warnings": len(report.warnings),
                "constraints": report.constraints,
                "checks": list(report.checks),
                "total": len(report.findings),
                "shown": len(shown),
                "by_shape": {shape: len(group) for (_, shape), group in by_shape(report.findings)},
                "findings": [asdict(f) for f in shown],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _turtle_path(path: str) -> str:
    from wcograph.validate.shacl_shapes import parse_path

    return parse_path(path).turtle()


def _turtle_node(text: str) -> str:
    """A shape or severity: an IRI, or a blank node written ``_:label``."""
    return text if text.startswith("_:") else f"<{text}>"


def _turtle_string(text: str) -> str:
    return literal_text(text, None, None)


def render_turtle(report: ValidationReport, limit: int | None = DEFAULT_LIMIT) -> str:
    """A standard SHACL validation report (sh:ValidationReport), plus wco:curatedAt per result;
    the first ``limit`` results per shape, the total in an rdfs:comment when some are left out."""
    from pyoxigraph import RdfFormat, parse, serialize

    body = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
    body.append(f"[] a sh:ValidationReport ; sh:conforms {str(report.conforms).lower()}")
    shown = shown_findings(report, limit)
    if len(shown) < len(report.findings):
        note = f"{len(shown)} of {len(report.findings)} results shown (the first {limit} per shape)"
        body.append(f"  ; rdfs:comment {_turtle_string(note)}")
    for finding in shown:
        result = [
            "a sh:ValidationResult",
            "sh:resultSeverity "
            + (
                f"sh:{finding.severity}"
                if finding.severity in SEVERITIES
                else f"<{finding.severity}>"
            ),
            f"sh:focusNode {finding.focus}",
            f"sh:resultMessage {_turtle_string(finding.message)}",
        ]
        result.append(f"sh:sourceConstraintComponent <{finding.component}>")
        if finding.is_check:
            result.append(f"rdfs:comment {_turtle_string('violation query ' + finding.shape)}")
        else:
            result.append(f"sh:sourceShape {_turtle_node(finding.shape)}")
        if finding.path:
            result.append(f"sh:resultPath {_turtle_path(finding.path)}")
        if finding.value is not None:
            result.append(f"sh:value {finding.value}")
        if finding.origin:
            result.append(f"wco:curatedAt {_turtle_string(finding.origin)}")
        body.append("  ; sh:result [ " + " ; ".join(result) + " ]")
    body.append("  .")
    triples = sorted(
        parse("\n".join(body), format=RdfFormat.TURTLE),
        key=lambda t: (str(t.subject), str(t.predicate)),
    )
    return (serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode("utf-8")


RENDERERS = {"text": render_text, "json": render_json, "turtle": render_turtle}


def only_violations(report: ValidationReport) -> ValidationReport:
    """The report with its violations alone, findings of every other severity left out."""
    return replace(report, findings=tuple(report.violations))


def render_report(
    report: ValidationReport, fmt: str, limit: int | None = DEFAULT_LIMIT, quiet: bool = False
) -> str:
    """The report in ``fmt`` (one of RENDERERS). Quiet: its violations alone and, as text, the
    summary line of the whole report (warnings counted) after them, in place of the shown
    report's own summary and total."""
    if not quiet:
        return RENDERERS[fmt](report, limit)
    text = RENDERERS[fmt](only_violations(report), limit)
    if fmt != "text":
        return text
    violations = text.splitlines()[2:]
    return "\n".join([*violations, f"validation {report.summary()}"]).lstrip("\n") + "\n"
