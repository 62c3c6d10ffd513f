"""Benchmarks of issue 7: wcograph's engines beside the reference baselines, at 1x, 10x and 100x.

    .venv/bin/python -m benchmarks.run [--scales 1,10,100] [--repeat 5]
                                       [--out benchmarks/results/latest.json]

One command, one run: this process generates the scaled graphs (benchmarks/scale.py), then for
each scale and step starts one fresh worker process per engine (benchmarks/worker.py), one after
the other, so that every engine's peak memory (RSS) is its own and the ratios are measured side
by side on the same machine at the same time. Steps:

- load: ``GraphStore.from_file`` (bulk load of the N-Triples) vs rdflib's ``Graph.parse`` and vs
  the floor, pyoxigraph parsing the same file into a list;
- queries: every query of queries/ on wcograph's store vs rdflib's default in-memory store, with
  the bindings of the query's first example; the results must be identical (multisets of rows).
  Beside them, the floor: the same query on bare pyoxigraph (worker.bare_rows). Its "reach"
  column is rdflib's time over the floor's: under the target, no change to wcograph around the
  store can meet it for that query;
- validate: ``validate_store(engine="fast")`` vs plain pyshacl (no inference) on the scaled graph
  with injected errors; the findings must be identical and include every injected error, and the
  scaled graph without them must conform as the real one does;
- export: GraphML and the HTML explorer (time only);
- cold start (seed size): ``wcograph build``, ``wcograph validate``, ``wcograph query`` as
  subprocesses, with ``python -X importtime`` and a step-by-step breakdown.

Every item runs up to ``--repeat`` times within a time budget per item (``--budget``): a slow
baseline gets fewer repetitions, and the tables and the JSON say how many it got. A worker that
exceeds ``--timeout`` is stopped; what it measured is kept, the item in progress is reported with
its time so far as a lower bound, and nothing is left out silently.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks.scale import SEED, inject_errors, scale_graph, write_ntriples
from benchmarks.worker import FLOOR
from wcograph.assets import DATA_DIR, PROJECT_DIR
from wcograph.output import write_atomically
from wcograph.progress import step
from wcograph.records.load import load_data

DEFAULT_OUT = PROJECT_DIR / "benchmarks" / "results" / "latest.json"
QUERY_FOLDERS = ("charts/", "checks/", "cq/", "export/", "serve/", "site/", "stats/", "support/")
"""Every folder of the query library (issue 17: every query at least QUERY_SPEEDUP times faster)."""
EXPORT_FORMATS = ("graphml", "html")
STEPS = ("load", "queries", "validate", "export")
COLDSTART_QUERY = ("cq/bodies-under", {"body": "PTC"})
QUERY_SPEEDUP = 20
"""Every query at least this many times faster than rdflib's default store (issue 17)."""
VALIDATE_LIMIT_S, VALIDATE_AT = 5.0, 100
LINEAR_SLACK = 1.25
"""Validation grows linearly when each tenfold step of the graph costs at most this much more
than tenfold (per triple: at most 1.25 times the time per triple of the scale below)."""
COLDSTART_LIMIT_S = 1.0
TARGETS = {
    "load": "wcograph load within 3x of the pyoxigraph parse floor",
    "queries": f"every query at least {QUERY_SPEEDUP}x faster than rdflib, identical results",
    "validate": "at least 5x faster than plain pyshacl, identical findings, peak RSS <= pyshacl's; "
    f"under {VALIDATE_LIMIT_S:.0f} s at {VALIDATE_AT}x",
    "linear": f"validation time per triple grows at most {LINEAR_SLACK}x per tenfold scale",
    "coldstart": f"seed-size build + validate + one query under {COLDSTART_LIMIT_S:.0f} s",
}
CLOCK = {"key": "cpu_median_s"}
"""Which median the ratios and verdicts read: CPU time (default) or wall time (--clock wall)."""


# --- workers ----------------------------------------------------------------------------------


@dataclass
class WorkerRun:
    task: str
    events: list[dict[str, Any]]
    seconds: float
    timed_out: bool = False
    error: str | None = None

    def results(self) -> dict[str, dict[str, Any]]:
        return {e["item"]: e for e in self.events if e["event"] == "result"}

    def of(self, event: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["event"] == event]

    def lower_bounds(self) -> dict[str, float]:
        """Items stopped at their time limit, or still running when the worker was stopped:
        their time so far (a lower bound of their time)."""
        bounds = {e["item"]: e["seconds"] for e in self.of("stopped")}
        ended = set(self.results()) | set(bounds) | set(self.failures())
        last = self.events[-1]["t"] if self.events else 0.0
        end = max(last, self.events[0]["t"] + self.seconds) if self.events else 0.0
        bounds.update({e["item"]: end - e["t"] for e in self.of("start") if e["item"] not in ended})
        return bounds

    def failures(self) -> dict[str, str]:
        return {e["item"]: e["error"] for e in self.of("failed")}


def run_worker(task: str, spec: dict[str, Any], workdir: Path, timeout: float) -> WorkerRun:
    """Run one worker process to completion or to its time limit."""
    stem = f"{task}-{spec.get('label', '')}-{time.monotonic_ns()}"
    spec_path, out_path, err_path = (
        workdir / f"{stem}{ext}" for ext in (".json", ".jsonl", ".err")
    )
    spec_path.write_text(json.dumps(spec))
    out_path.touch()
    start = time.perf_counter()
    with err_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.worker", task, str(spec_path), str(out_path)],
            cwd=PROJECT_DIR,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        timed_out = False
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()  # only the worker this run started
            process.wait()
            timed_out, code = True, -9
    seconds = time.perf_counter() - start
    events = [json.loads(line) for line in out_path.read_text().splitlines() if line.strip()]
    error = None
    if code != 0 and not timed_out:
        error = err_path.read_text(errors="replace").strip().splitlines()[-1:] or [f"exit {code}"]
        error = error[0]
    return WorkerRun(task, events, seconds, timed_out, error)


# --- figures ----------------------------------------------------------------------------------


def median(result: dict[str, Any] | None) -> float | None:
    if not result:
        return None
    timing = result["timing"]
    return timing.get(CLOCK["key"]) or timing["median_s"]


def ratio(ours: float | None, baseline: float | None) -> float | None:
    return ours / baseline if ours is not None and baseline else None


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_range(result: dict[str, Any] | None) -> str:
    if not result:
        return "—"
    timing = result["timing"]
    return f"{fmt_s(timing['min_s'])}–{fmt_s(timing['max_s'])}"


def fmt_ratio(value: float | None) -> str:
    return "—" if value is None else (f"{value:.3f}" if value < 0.1 else f"{value:.2f}")


def _same(same: bool | None) -> str:
    return "—" if same is None else ("yes" if same else "NO")


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def timing_row(name: str, result: dict[str, Any] | None, note: str = "") -> str:
    if result is None:
        return f"  {name:<34} {'—':>10}  {note}"
    timing = result["timing"]
    return (
        f"  {name:<34} {fmt_s(median(result)):>10}  {fmt_range(result):>21}  "
        f"{timing['repetitions']:>4}  {timing['peak_rss_mib']:>9.0f}  "
        f"{timing['peak_above_before_mib']:>9.0f}  {note}"
    )


TIMING_HEADER = (
    f"  {'':<34} {'median':>10}  {'min–max':>21}  {'reps':>4}  {'peak RSS':>9}  {'+step MiB':>9}"
)


@dataclass
class Run:
    args: argparse.Namespace
    workdir: Path
    report: dict[str, Any] = field(default_factory=dict)
    verdicts: list[dict[str, Any]] = field(default_factory=list)

    def spec(
        self,
        label: str,
        scale: int,
        baseline: bool = False,
        limit: float | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        repeat = self.args.repeat
        if baseline and scale >= self.args.large_scale:
            repeat = min(repeat, self.args.large_baseline_repeat)
        return {
            "label": label,
            "repeat": repeat,
            "budget_s": self.args.budget,
            "limit_s": limit or self.args.item_timeout,
            **fields,
        }

    def worker(self, task: str, spec: dict[str, Any]) -> WorkerRun:
        # A worker can take minutes: progress on a terminal (standard error), none in a pipe.
        with step(f"  … {task} {spec.get('label', '')}".rstrip()):
            run = run_worker(task, spec, self.workdir, self.args.timeout)
        if run.error:
            print(f"  !! worker {task} failed: {run.error}")
        if run.timed_out:
            print(f"  !! worker {task} stopped at its time limit ({self.args.timeout:.0f} s)")
        return run

    def judge(self, scale: int, step: str, ok: bool | None, why: str) -> None:
        self.verdicts.append({"scale": scale, "step": step, "pass": ok, "why": why})
        print(f"  => {verdict(ok)}: {why}")


# --- steps ------------------------------------------------------------------------------------


def step_load(run: Run, scale: int, nt: Path) -> dict[str, Any]:
    print(f"\nload ({nt.stat().st_size / 2**20:.0f} MiB of N-Triples)")
    print(TIMING_HEADER)
    runs = {
        engine: run.worker(
            "load",
            run.spec(
                f"load-{engine}-{scale}", scale, engine == "rdflib", nt=str(nt), engine=engine
            ),
        )
        for engine in ("wcograph", "floor", "rdflib")
    }
    names = {
        "wcograph": "wcograph GraphStore.from_file",
        "floor": "floor: pyoxigraph.parse to list",
        "rdflib": "rdflib Graph.parse (default store)",
    }
    figures: dict[str, Any] = {}
    for engine, worker in runs.items():
        result = worker.results().get("load")
        note = _incomplete(worker, "load")
        print(timing_row(names[engine], result, note))
        figures[engine] = {"timing": result["timing"] if result else None, "note": note or None}
    ours = median(runs["wcograph"].results().get("load"))
    floor = median(runs["floor"].results().get("load"))
    rdflib = median(runs["rdflib"].results().get("load"))
    figures["ratio_vs_floor"] = ratio(ours, floor)
    figures["ratio_vs_rdflib"] = ratio(ours, rdflib)
    print(
        f"  wcograph/floor = {fmt_ratio(figures['ratio_vs_floor'])}, "
        f"wcograph/rdflib = {fmt_ratio(figures['ratio_vs_rdflib'])}"
    )
    ok = None if figures["ratio_vs_floor"] is None else figures["ratio_vs_floor"] <= 3
    run.judge(
        scale, "load", ok, f"wcograph/floor {fmt_ratio(figures['ratio_vs_floor'])} (target <= 3)"
    )
    return figures


def _incomplete(worker: WorkerRun, item: str) -> str:
    if item in worker.lower_bounds():
        return f"stopped after {worker.lower_bounds()[item]:.0f} s (lower bound)"
    if item in worker.failures():
        return f"failed: {worker.failures()[item]}"
    if item not in worker.results():
        return (
            "not reached (worker "
            + ("timed out" if worker.timed_out else f"failed: {worker.error}")
            + ")"
        )
    return ""


def step_queries(run: Run, scale: int, nt: Path) -> dict[str, Any]:
    rows_dir = run.workdir / f"rows-{scale}"
    ours = run.worker(
        "queries-wcograph",
        run.spec(
            f"q-ox-{scale}",
            scale,
            nt=str(nt),
            rows_dir=str(rows_dir / "wcograph"),
            folders=run.args.queries.split(","),
        ),
    )
    measured = {k: r for k, r in ours.results().items() if not k.startswith(FLOOR)}
    floors = {k.removeprefix(FLOOR): r for k, r in ours.results().items() if k.startswith(FLOOR)}
    plan = [
        {"item": r["item"], "query": r["query"], "bindings": r["bindings"]}
        for r in measured.values()
    ]
    theirs = run.worker(
        "queries-rdflib",
        run.spec(
            f"q-rdflib-{scale}",
            scale,
            baseline=True,
            nt=str(nt),
            rows_dir=str(rows_dir / "rdflib"),
            plan=plan,
        ),
    )
    repeat_note = run.spec("", scale, baseline=True)["repeat"]
    print(
        f"\nqueries (rdflib repetitions at most {repeat_note}; wcograph at most {run.args.repeat})"
    )
    print(
        f"  {'query':<44} {'wcograph':>10} {'rdflib':>10} {'ratio':>7} {'faster':>8} "
        f"{'rows':>7}  same  target  {'floor':>9} {'reach':>6}"
    )
    our_rows = {e["item"]: e for e in ours.of("rows")}
    their_rows = {e["item"]: e for e in theirs.of("rows")}
    figures: dict[str, Any] = {
        "queries": {},
        "skipped": {e["item"]: e["reason"] for e in ours.of("skipped")},
    }
    failures, unjudged, out_of_reach = [], [], []
    for item, result in sorted(measured.items()):
        theirs_result = theirs.results().get(item)
        ours_s, theirs_s = median(result), median(theirs_result)
        floor_s = median(floors.get(item))
        reach = ratio(floor_s, theirs_s)
        lower_bound = theirs.lower_bounds().get(item)
        error = theirs.failures().get(item)
        value = ratio(ours_s, theirs_s if theirs_s is not None else lower_bound)
        same = (
            our_rows[item]["digest"] == their_rows[item]["digest"] if item in their_rows else None
        )
        if theirs_result is not None:
            ok: bool | None = bool(value is not None and value <= 1 / QUERY_SPEEDUP and same)
            shown = fmt_s(theirs_s)
        elif lower_bound is not None:
            # a bound: rdflib is at least this slow
            ok = value is not None and value <= 1 / QUERY_SPEEDUP
            shown = f">{fmt_s(lower_bound)}"
        else:
            ok, shown = None, "error" if error else "not run"
        faster = (
            "—"
            if value is None
            else (">" if lower_bound and theirs_s is None else "") + f"{1 / value:.1f}x"
        )
        reach_text = "—" if reach is None else f"{1 / reach:.1f}x"
        print(
            f"  {item:<44} {fmt_s(ours_s):>10} {shown:>10} {fmt_ratio(value):>7} {faster:>8} "
            f"{our_rows[item]['count']:>7}  {_same(same):>4}  "
            f"{verdict(ok)}  {fmt_s(floor_s):>9} {reach_text:>6}"
            + (f"  rdflib {error}" if error else "")
        )
        if ok is False:
            failures.append(item)
            if reach is not None and reach > 1 / QUERY_SPEEDUP:
                out_of_reach.append(item)
        elif ok is None:
            unjudged.append(item)
        if same is False:
            _show_difference(rows_dir, item)
        figures["queries"][item] = {
            "query": result["query"],
            "bindings": result["bindings"],
            "wcograph": result["timing"],
            "floor": floors[item]["timing"] if item in floors else None,
            "rdflib": theirs_result["timing"] if theirs_result else None,
            "floor_ratio": reach,
            "rdflib_lower_bound_s": lower_bound,
            "rdflib_error": error,
            "ratio": value,
            "rows": our_rows[item]["count"],
            "rdflib_rows": their_rows.get(item, {}).get("count"),
            "identical": same,
        }
    for item, error in ours.failures().items():
        print(f"  {item:<44} wcograph failed: {error}")
        failures.append(item)
    for item, reason in figures["skipped"].items():
        print(f"  {item:<44} skipped: {reason}")
    ratios = [q["ratio"] for q in figures["queries"].values() if q["ratio"] is not None]
    figures["worst_ratio"] = max(ratios) if ratios else None
    figures["median_ratio"] = statistics.median(ratios) if ratios else None
    judged = len(figures["queries"]) - len(unjudged)
    run.judge(
        scale,
        "queries",
        not failures and bool(ratios),
        f"{judged - len(failures)}/{judged} queries >= {QUERY_SPEEDUP}x faster with identical "
        "results "
        f"(worst ratio {fmt_ratio(figures['worst_ratio'])})"
        + (f"; failing: {', '.join(failures)}" if failures else "")
        + (
            f"; under {QUERY_SPEEDUP}x even on bare pyoxigraph: {', '.join(out_of_reach)}"
            if out_of_reach
            else ""
        )
        + (f"; not comparable (rdflib cannot run them): {', '.join(unjudged)}" if unjudged else ""),
    )
    return figures


def _show_difference(rows_dir: Path, item: str) -> None:
    name = item.replace("/", "__") + ".json"
    try:
        ours = json.loads((rows_dir / "wcograph" / name).read_text())
        theirs = json.loads((rows_dir / "rdflib" / name).read_text())
    except FileNotFoundError:
        return
    a = Counter(tuple(r) for r in ours["rows"])
    b = Counter(tuple(r) for r in theirs["rows"])
    print(f"      variables wcograph {ours['variables']} / rdflib {theirs['variables']}")
    for label, diff in (("only wcograph", a - b), ("only rdflib", b - a)):
        for row in list(diff.elements())[:3]:
            print(f"      {label}: {row}")


def step_validate(
    run: Run, scale: int, nt: Path, clean_nt: Path, injected: list[Any]
) -> dict[str, Any]:
    findings_dir = run.workdir / f"findings-{scale}"
    limit = run.args.validate_timeout
    fast = run.worker(
        "validate-fast",
        run.spec(
            f"v-fast-{scale}",
            scale,
            limit=limit,
            nt=str(nt),
            clean_nt=str(clean_nt),
            findings=str(findings_dir / "fast.json"),
        ),
    )
    if scale > run.args.pyshacl_max_scale:
        reason = f"not run above {run.args.pyshacl_max_scale}x (--pyshacl-max-scale)"
        print(f"  pyshacl {reason}")
        reference = WorkerRun("validate-pyshacl", [], 0.0, error=reason)
    else:
        reference = run.worker(
            "validate-pyshacl",
            run.spec(
                f"v-pyshacl-{scale}",
                scale,
                baseline=True,
                limit=limit,
                nt=str(nt),
                findings=str(findings_dir / "pyshacl.json"),
            ),
        )
    print(f"\nvalidation (graph with {len(injected)} injected errors)")
    print(TIMING_HEADER)
    ours, shapes_only = fast.results().get("validate"), fast.results().get("shapes-only")
    theirs = reference.results().get("validate")
    print(timing_row("wcograph validate_store(fast)", ours, _incomplete(fast, "validate")))
    print(
        timing_row(
            "  of which the shapes (validate_fast)", shapes_only, _incomplete(fast, "shapes-only")
        )
    )
    print(
        timing_row("pyshacl.validate (inference none)", theirs, _incomplete(reference, "validate"))
    )
    lower_bound = reference.lower_bounds().get("validate") if theirs is None else None
    value = ratio(median(ours), median(theirs) if theirs else lower_bound)
    ours_keys = _read_keys(findings_dir / "fast.json")
    theirs_keys = _read_keys(findings_dir / "pyshacl.json")
    same = None if ours_keys is None or theirs_keys is None else ours_keys == theirs_keys
    found = _injected_found(ours_keys or Counter(), injected)
    clean = (fast.of("clean") or [{}])[0]
    peak_ours = ours["timing"]["peak_rss_mib"] if ours else None
    stopped = {e["item"]: e for e in reference.of("stopped")}.get("validate", {})
    # a stopped pyshacl's peak so far is a lower bound of its peak: enough to show ours is lower
    peak_theirs = theirs["timing"]["peak_rss_mib"] if theirs else stopped.get("peak_rss_mib")
    memory_ok = None if peak_ours is None or peak_theirs is None else peak_ours <= peak_theirs
    print(
        f"  wcograph/pyshacl = {fmt_ratio(value)}"
        f"{' (pyshacl stopped: upper bound)' if lower_bound else ''}; "
        f"findings identical: {same}; "
        f"injected errors found: {sum(found.values())}/{len(injected)}; "
        f"clean scaled graph: {clean.get('violations')} violations, "
        f"{clean.get('warnings')} warnings"
    )
    if same is False and ours_keys is not None and theirs_keys is not None:
        for label, diff in (
            ("only wcograph", ours_keys - theirs_keys),
            ("only pyshacl", theirs_keys - ours_keys),
        ):
            for key in list(diff.elements())[:4]:
                print(f"      {label}: {key}")
    for sample in clean.get("sample", []):
        print(
            f"      clean-graph violation: {sample['shape']} on {sample['focus']} "
            f"({sample['origin']})"
        )
    speed_ok = None if value is None else value <= 0.2
    within = None if scale < VALIDATE_AT or ours is None else median(ours) < VALIDATE_LIMIT_S
    ok = (
        None
        if speed_ok is None
        else bool(
            speed_ok and (same or lower_bound) and all(found.values()) and memory_ok is not False
        )
    )
    if within is not None:
        ok = within and ok is not False
    if lower_bound and same is None:
        print(
            "  (pyshacl did not finish: findings not compared at this scale; ratio and pyshacl's "
            "peak RSS are bounds)"
        )
    run.judge(
        scale,
        "validate",
        ok,
        f"wcograph {fmt_s(median(ours))}"
        + (f" (target < {VALIDATE_LIMIT_S:.0f} s)" if within is not None else "")
        + f"; wcograph/pyshacl {fmt_ratio(value)} (target <= 0.2); identical {same}; "
        f"peak RSS {peak_ours} vs {peak_theirs} MiB; "
        f"injected found {sum(found.values())}/{len(injected)}",
    )
    return {
        "wcograph": ours["timing"] if ours else None,
        "wcograph_shapes_only": shapes_only["timing"] if shapes_only else None,
        "pyshacl": theirs["timing"] if theirs else None,
        "pyshacl_lower_bound_s": lower_bound,
        "ratio": value,
        "identical": same,
        "memory_ok": memory_ok,
        "findings": (fast.of("findings") or [{}])[0].get("count"),
        "pyshacl_findings": (reference.of("findings") or [{}])[0].get("count"),
        "injected": [
            {"name": e.name, "focus": e.focus, "rule": e.rule, "found": found[e.name]}
            for e in injected
        ],
        "clean_graph": {k: clean.get(k) for k in ("violations", "warnings", "conforms")},
    }


def _read_keys(path: Path) -> Counter[tuple[Any, ...]] | None:
    if not path.exists():
        return None
    return Counter(tuple(key) for key in json.loads(path.read_text()))


def _injected_found(keys: Counter[tuple[Any, ...]], injected: list[Any]) -> dict[str, bool]:
    from wcograph.namespaces import PREFIXES

    found = {}
    for error in injected:
        shape = PREFIXES.get(
            "wcosh", "https://w3id.org/wcograph/shapes#"
        ) + error.rule.removeprefix("wcosh:")
        found[error.name] = any(key[0] == f"<{error.focus}>" and key[1] == shape for key in keys)
    return found


def step_export(run: Run, scale: int, nt: Path) -> dict[str, Any]:
    worker = run.worker(
        "export", run.spec(f"export-{scale}", scale, nt=str(nt), formats=list(EXPORT_FORMATS))
    )
    print("\nexport (graph_view + format; time only, no baseline)")
    print(TIMING_HEADER)
    sizes = {e["item"]: e["bytes"] for e in worker.of("size")}
    figures = {}
    for fmt in EXPORT_FORMATS:
        result = worker.results().get(fmt)
        note = _incomplete(worker, fmt) or f"{sizes.get(fmt, 0) / 2**20:.1f} MiB"
        print(timing_row(fmt, result, note))
        figures[fmt] = {
            "timing": result["timing"] if result else None,
            "bytes": sizes.get(fmt),
            "note": note,
        }
    return figures


# --- cold start -------------------------------------------------------------------------------


def step_coldstart(run: Run) -> dict[str, Any]:
    wcograph = str(Path(sys.executable).parent / "wcograph")
    name, params = COLDSTART_QUERY
    # The build writes the project's dist/, as a user's does, so that validate and query read
    # it (a build elsewhere would leave them building the graph again in memory).
    commands = {
        "build": ["build"],
        "validate": ["validate"],
        "query": ["query", name, *[f"--param={k}={v}" for k, v in params.items()]],
    }
    print(
        "\ncold start at seed size (each command a new process; `wcograph validate` exits 1 "
        "while the real data has violations)"
    )
    figures: dict[str, Any] = {"commands": {}}
    totals, cpu_totals = [], []
    for repetition in range(run.args.repeat):
        total = total_cpu = 0.0
        for label, command in commands.items():
            start, cpu_start = time.perf_counter(), _children_cpu()
            done = subprocess.run([wcograph, *command], cwd=PROJECT_DIR, capture_output=True)
            seconds = time.perf_counter() - start
            cpu = _children_cpu() - cpu_start
            total += seconds
            total_cpu += cpu
            entry = figures["commands"].setdefault(
                label,
                {
                    "command": "wcograph " + " ".join(command),
                    "seconds": [],
                    "cpu_seconds": [],
                    "exit_codes": [],
                },
            )
            entry["seconds"].append(round(seconds, 4))
            entry["cpu_seconds"].append(round(cpu, 4))
            entry["exit_codes"].append(done.returncode)
        totals.append(total)
        cpu_totals.append(total_cpu)
        del repetition
    for entry in figures["commands"].values():
        entry["median_s"] = statistics.median(entry["seconds"])
        entry["cpu_median_s"] = statistics.median(entry["cpu_seconds"])
        print(
            f"  {entry['command']:<58} {fmt_s(entry['median_s']):>9}  "
            f"({fmt_s(min(entry['seconds']))}–{fmt_s(max(entry['seconds']))}, "
            f"CPU {fmt_s(entry['cpu_median_s'])}, exit {entry['exit_codes'][0]})"
        )
    figures["total_wall_median_s"] = statistics.median(totals)
    figures["total_cpu_median_s"] = statistics.median(cpu_totals)
    figures["total_median_s"] = (
        figures["total_cpu_median_s"]
        if CLOCK["key"] == "cpu_median_s"
        else figures["total_wall_median_s"]
    )
    figures["total_min_s"], figures["total_max_s"] = min(totals), max(totals)
    print(
        f"  {'total':<58} {fmt_s(figures['total_wall_median_s']):>9}  "
        f"(CPU {fmt_s(figures['total_cpu_median_s'])})"
    )
    figures["imports"] = {label: import_times(command) for label, command in commands.items()}
    print("  heaviest imports (cumulative, from `python -X importtime`):")
    for label, rows in figures["imports"].items():
        top = ", ".join(f"{r['module']} {r['cumulative_ms']:.0f} ms" for r in rows["top"][:6])
        print(f"    {label}: all imports {rows['total_ms']:.0f} ms; {top}")
    steps = run.worker(
        "coldstart-steps",
        {
            "label": "coldstart",
            "repeat": 1,
            "data": str(DATA_DIR),
            "dist": str(run.workdir / "coldstart-steps-dist"),
            "query": [name, params],
        },
    )
    figures["steps"] = {item: r["timing"]["median_s"] for item, r in steps.results().items()}
    print("  one fresh process, step by step:")
    for item, seconds in figures["steps"].items():
        print(f"    {item:<44} {fmt_s(seconds):>9}")
    ok = figures["total_median_s"] < COLDSTART_LIMIT_S
    run.judge(
        1,
        "coldstart",
        ok,
        f"build + validate + query {fmt_s(figures['total_median_s'])} "
        f"(target < {COLDSTART_LIMIT_S:.0f} s; CPU {fmt_s(figures['total_cpu_median_s'])})",
    )
    return figures


def _children_cpu() -> float:
    """CPU seconds (user + system) of every child process that has ended so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_times(command: list[str]) -> dict[str, Any]:
    """Top-level imports of one command by cumulative time (``python -X importtime``)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wcograph.cli", *command],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match and len(match[3]) == 1:  # imported directly, not by another module
            rows.append({"module": match[4], "cumulative_ms": int(match[2]) / 1000})
    rows.sort(key=lambda r: -r["cumulative_ms"])
    return {"total_ms": sum(r["cumulative_ms"] for r in rows), "top": rows[:10]}


# --- main -------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text()
    total = re.search(r"MemTotal:\s+(\d+) kB", meminfo)
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(total[1]) / 2**20, 1) if total else None,
        "cpu": cpu[1].strip() if cpu else platform.processor(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": {
            name: _version(name) for name in ("pyoxigraph", "rdflib", "pyshacl", "networkx")
        },
    }


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--scales", default="1,10,100", help="comma-separated scale factors (default 1,10,100)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per item (default 5)")
    parser.add_argument(
        "--large-scale",
        type=int,
        default=100,
        help="from this scale on, baselines get --large-baseline-repeat (default 100)",
    )
    parser.add_argument(
        "--large-baseline-repeat",
        type=int,
        default=1,
        help="repetitions of rdflib and pyshacl at large scales (default 1)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="seconds per item after which no further repetition starts (default 60)",
    )
    parser.add_argument(
        "--item-timeout",
        type=float,
        default=120.0,
        help="seconds after which one repetition of a load, query or export is stopped and "
        "reported as a lower bound (default 120)",
    )
    parser.add_argument(
        "--validate-timeout",
        type=float,
        default=2400.0,
        help="the same for a validation run (default 2400: plain pyshacl needs about 1,400 s "
        "at 100x on 2 CPUs)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=5400.0,
        help="seconds after which a whole worker is stopped (default 5400)",
    )
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="which time the ratios and verdicts read (default cpu: on a machine shared with "
        "other work, wall time measures the neighbours; both are recorded)",
    )
    parser.add_argument(
        "--pyshacl-max-scale",
        type=int,
        default=100,
        help="largest scale at which plain pyshacl runs (default 100; above it validation is "
        "timed and checked for the injected errors, not compared)",
    )
    parser.add_argument(
        "--publish",
        metavar="NAME",
        help="also write benchmarks/published/<date>-NAME.json and .md (the run of record)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"generator seed (default {SEED})")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="JSON figures (default %(default)s)"
    )
    parser.add_argument("--no-coldstart", action="store_true", help="skip the seed-size cold start")
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help="comma-separated steps to run at each scale (default %(default)s); "
        "a partial run is for investigating, the figures of record come from all of them",
    )
    parser.add_argument(
        "--queries",
        default=",".join(QUERY_FOLDERS),
        help="comma-separated prefixes of the query names to run (default %(default)s)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated files (printed path)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    CLOCK["key"] = "cpu_median_s" if args.clock == "cpu" else "median_s"
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    chosen = [s.strip() for s in args.steps.split(",") if s.strip()]
    if unknown := set(chosen) - set(STEPS):
        sys.exit(f"unknown steps {sorted(unknown)}; choose from {', '.join(STEPS)}")
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="wcograph-bench-"))
    run = Run(args, workdir)
    info = machine()
    print(
        f"wcograph benchmarks: scales {scales}, repeat {args.repeat} "
        f"(baselines at >= {args.large_scale}x: {args.large_baseline_repeat}), "
        f"budget {args.budget:.0f} s/item, "
        f"time limit per repetition {args.item_timeout:.0f} s "
        f"(validation {args.validate_timeout:.0f} s)"
    )
    print(
        f"machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory_gib']} GiB, "
        f"Python {info['python']}, " + ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    )
    report: dict[str, Any] = {
        "command": "python -m benchmarks.run "
        + " ".join(argv if argv is not None else sys.argv[1:]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "settings": {k: str(v) for k, v in vars(args).items()},
        "targets": TARGETS,
        "scales": {},
    }
    loaded = load_data(DATA_DIR)
    try:
        for scale in scales:
            start = time.perf_counter()
            graph = scale_graph(loaded, scale, args.seed)
            broken, injected = inject_errors(graph.quads, args.seed)
            nt, broken_nt = workdir / f"scale-{scale}.nt", workdir / f"scale-{scale}-errors.nt"
            write_ntriples(graph.quads, nt)
            write_ntriples(broken, broken_nt)
            triples = len(set(graph.quads))
            generated = time.perf_counter() - start
            print(
                f"\n=== scale {scale}x: {triples:,} triples, {graph.decisions:,} decisions "
                f"({graph.copies} synthetic copies of the meetings files; "
                f"generated in {generated:.1f} s) ==="
            )
            decisions, copies = graph.decisions, graph.copies
            del graph, broken
            steps = {
                "load": partial(step_load, run, scale, nt),
                "queries": partial(step_queries, run, scale, nt),
                "validate": partial(step_validate, run, scale, broken_nt, nt, injected),
                "export": partial(step_export, run, scale, nt),
            }
            report["scales"][str(scale)] = {
                "triples": triples,
                "decisions": decisions,
                "synthetic_copies": copies,
                "generation_s": round(generated, 2),
                **{name: steps[name]() for name in chosen},
            }
            nt.unlink()
            broken_nt.unlink()
            write_atomically({args.out: json.dumps(report, indent=1, ensure_ascii=False).encode()})
        if "validate" in chosen:
            report["linear"] = judge_linear(run, report["scales"])
        if not args.no_coldstart:
            report["coldstart"] = step_coldstart(run)
    finally:
        if args.keep:
            print(f"\nwork files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    report["verdicts"] = run.verdicts
    report["total_s"] = round(time.perf_counter() - started, 1)
    print("\nsummary")
    for v in run.verdicts:
        print(f"  {v['scale']:>4}x  {v['step']:<10} {verdict(v['pass']):<5} {v['why']}")
    print(f"total {report['total_s']:.0f} s; figures written to {args.out}")
    files = {args.out: json.dumps(report, indent=1, ensure_ascii=False).encode()}
    if args.publish:
        stem = PROJECT_DIR / "benchmarks" / "published" / f"{report['date'][:10]}-{args.publish}"
        files[stem.with_suffix(".json")] = files[args.out]
        files[stem.with_suffix(".md")] = published_summary(report).encode()
        print(f"published: {stem}.json and .md")
    write_atomically(files)
    return 0


def judge_linear(run: Run, scales: dict[str, Any]) -> list[dict[str, Any]]:
    """Validation time per triple from each scale to the next: linear growth keeps it flat."""
    points = [
        (int(scale), figures["triples"], median({"timing": figures["validate"]["wcograph"]}))
        for scale, figures in scales.items()
        if figures.get("validate", {}).get("wcograph")
    ]
    steps = []
    print("\nvalidation growth (time per triple, scale to scale)")
    for (s1, n1, t1), (s2, n2, t2) in pairwise(points):
        if not t1 or not t2:
            continue
        growth = (t2 / n2) / (t1 / n1)
        steps.append({"from": s1, "to": s2, "seconds": [t1, t2], "per_triple_growth": growth})
        print(f"  {s1}x -> {s2}x: {fmt_s(t1)} -> {fmt_s(t2)}, per triple x{growth:.2f}")
        run.judge(
            s2,
            "linear",
            growth <= LINEAR_SLACK,
            f"validation per triple x{growth:.2f} from {s1}x (target <= {LINEAR_SLACK})",
        )
    return steps


def published_summary(report: dict[str, Any]) -> str:
    """The run of record in Markdown: settings, machine, and every verdict."""
    info = report["machine"]
    lines = [
        f"# Benchmark run {report['date']}",
        "",
        f"`{report['command']}` on {info['nproc']} CPUs ({info['cpu']}), "
        f"{info['memory_gib']} GiB, Python {info['python']}, "
        + ", ".join(f"{k} {v}" for k, v in info["packages"].items())
        + f"; times are {report['settings']['clock']} time; total {report['total_s']:.0f} s.",
        "",
        "| scale | triples | step | verdict | figures |",
        "|---|---|---|---|---|",
    ]
    for v in report["verdicts"]:
        triples = report["scales"].get(str(v["scale"]), {}).get("triples")
        size = f"{triples:,}" if triples else ""
        outcome = verdict(v["pass"])
        lines.append(f"| {v['scale']}x | {size} | {v['step']} | {outcome} | {v['why']} |")
    lines += ["", "Targets:", ""] + [f"- {k}: {t}" for k, t in report["targets"].items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
