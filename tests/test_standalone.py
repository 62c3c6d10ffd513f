"""Issue 11: a stand-alone product. The graph builds and answers without the source texts, the
wheel carries it, the build cache is keyed on everything that changes an answer, citations are
checked against the texts when they are at hand, and releases are compared with `wcograph diff`.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from wcograph import __version__, pipeline
from wcograph.assets import PROJECT_DIR
from wcograph.cli import main
from wcograph.namespaces import WCO
from wcograph.progress import step
from wcograph.query.run import run_query
from wcograph.records.sources import sources_dir

from .conftest import MINI_DATA

SEEDS = sources_dir()
README_QUESTION = ["query", "cq/bodies-reporting-to", "--param", "body=PTC"]
NO_TEXTS_LINE = "citations not checked against the source texts"
LABEL = "SELECT ?label WHERE { id:ptc rdfs:label ?label }"


def environment_without_sources() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "WCOGRAPH_SOURCES"}


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wcograph.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- 1. no texts needed -----------------------------------------------------------------------


@pytest.mark.slow
def test_a_fresh_copy_without_the_texts_builds_validates_and_answers(tmp_path: Path) -> None:
    """The repository's files copied to a folder with no ../shared beside it: build, validate
    and the README's question work; build says once that citations were not checked."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    copy = tmp_path / "clone"
    for name in listed:
        source = PROJECT_DIR / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    assert not (tmp_path / "shared").exists()
    env = {**environment_without_sources(), "PYTHONPATH": str(copy / "src")}
    located = subprocess.run(
        [sys.executable, "-c", "import wcograph; print(wcograph.__file__)"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert located.startswith(str(copy)), located

    built = run("build", cwd=copy, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.count(NO_TEXTS_LINE) == 1
    assert "validation conforms: 0 violations" in built.stdout
    validated = run("validate", "--quiet", cwd=copy, env=env)
    assert validated.returncode == 0, validated.stdout
    answered = run(*README_QUESTION, "--format", "csv", cwd=copy, env=env)
    assert answered.returncode == 0, answered.stderr
    assert "Data Model Projects Team" in answered.stdout
    verify = run("sources", "verify", cwd=copy, env=env)
    assert verify.returncode == 2
    assert "no folder of source texts" in verify.stderr


def test_the_graph_is_the_same_with_and_without_the_texts(tmp_path: Path) -> None:
    """No paragraph counts, no text: the released graph does not depend on the texts."""
    with_texts, without = tmp_path / "with", tmp_path / "without"
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--data", str(MINI_DATA), "--dist", str(with_texts)])
    second = runner.invoke(
        main,
        [
            "--sources",
            str(tmp_path / "none"),
            "build",
            "--data",
            str(MINI_DATA),
            "--dist",
            str(without),
        ],
    )
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert "citations checked against 1 source texts" in first.output
    assert second.output.count(NO_TEXTS_LINE) == 1
    nt = (with_texts / "wcograph.nt").read_text().splitlines()
    other = (without / "wcograph.nt").read_text().splitlines()
    # the same triples (the ontology's blank nodes get new labels in every build)
    assert len(nt) == len(other)
    assert [line for line in nt if "_:" not in line] == [x for x in other if "_:" not in x]
    predicates = {line.split(" ")[1] for line in nt}
    assert f"<{WCO}paragraphCount>" not in predicates and f"<{WCO}lineCount>" not in predicates
    info = json.loads((with_texts / "build-info.json").read_text())
    assert info["version"] == __version__ and info["citations_checked"] is True
    assert info["built"].endswith("Z") and len(info["data_hash"]) == 64
    assert json.loads((without / "build-info.json").read_text())["citations_checked"] is False


def test_sources_help_shows_no_path_of_this_machine() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "--sources DIR" in result.output or "--sources DIRECTORY" in result.output
    assert str(PROJECT_DIR.parent) not in result.output


# --- citations against the texts ----------------------------------------------------------------


def test_sources_verify_finds_a_citation_of_a_paragraph_that_does_not_exist(
    mini_copy: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    good = runner.invoke(main, ["sources", "verify", "--data", str(mini_copy)])
    assert good.exit_code == 0, good.output
    assert "citations checked against 1 source texts" in good.output
    body = mini_copy / "bodies" / "ptc.yaml"
    body.write_text(body.read_text().replace("{doc: pc0737, para: 1}", "{doc: pc0737, para: 400}"))
    bad = runner.invoke(main, ["sources", "verify", "--data", str(mini_copy)])
    assert bad.exit_code == 1, bad.output
    assert "wcosh:ParagraphExists" in bad.output
    assert "/id/passage/pc0737/p400  at data/bodies/ptc.yaml:1" in bad.output
    # build checks the citations too when the texts are here, and writes nothing
    dist = tmp_path / "dist"
    built = runner.invoke(main, ["build", "--data", str(mini_copy), "--dist", str(dist)])
    assert built.exit_code == 1 and not dist.exists()
    # without the texts the same data builds, saying the citations were not checked
    blind = runner.invoke(
        main,
        [
            "--sources",
            str(tmp_path / "none"),
            "build",
            "--data",
            str(mini_copy),
            "--dist",
            str(dist),
        ],
    )
    assert blind.exit_code == 0 and NO_TEXTS_LINE in blind.output


def test_web_sources_are_counted_and_skipped(mini_copy: Path) -> None:
    listing = yaml.safe_load((mini_copy / "sources.yaml").read_text())
    listing["documents"].append(
        {
            "id": "wco-news-2019-10-ptc-227-228",
            "kind": "news-article",
            "title": "Permanent Technical Committee holds its 227th/228th Sessions",
            "url": "https://www.wcoomd.org/en/media/newsroom/2019/october/ptc.aspx",
            "published": "2019-10-25",
            "publisher": "World Customs Organization",
            "language": "en",
            "retrieved": "2026-12-05",
        }
    )
    (mini_copy / "sources.yaml").write_text(yaml.safe_dump(listing, sort_keys=False))
    runner = CliRunner()
    verify = runner.invoke(main, ["sources", "verify", "--data", str(mini_copy)])
    assert verify.exit_code == 0, verify.output
    assert "1 web sources cited by URL, not checked" in verify.output
    listed = runner.invoke(main, ["sources", "list", "--data", str(mini_copy), "--format", "json"])
    rows = {row["document"]: row for row in json.loads(listed.stdout)}
    assert rows["wco-news-2019-10-ptc-227-228"]["text"] == (
        "web https://www.wcoomd.org/en/media/newsroom/2019/october/ptc.aspx"
    )
    assert rows["PC0737Ea"]["text"] == "text here" and rows["PC0737Ea"]["date"] == "2023-12-04"
    table = runner.invoke(main, ["sources", "list", "--data", str(mini_copy)])
    assert all(len(line) <= 100 for line in table.output.splitlines())


def test_sources_show_opens_a_cited_paragraph_by_number_id_or_title_in_any_case() -> None:
    runner = CliRunner()
    by_number = runner.invoke(main, ["sources", "show", "pc0737EA", "--para", "91"])
    assert by_number.exit_code == 0, by_number.output
    assert by_number.output.startswith("[91] ")
    assert "TFAWG had been established in 2014" in by_number.output
    assert len(by_number.output.strip().splitlines()) == 1
    title = "summary report of the 241st/242nd sessions of the permanent technical committee"
    by_title = runner.invoke(main, ["sources", "show", title, "--para", "91"])
    assert by_title.output == by_number.output
    missing = runner.invoke(main, ["sources", "show", "pc0737", "--para", "999"])
    assert missing.exit_code == 2 and "no paragraph 999" in missing.output


# --- the build cache ----------------------------------------------------------------------------


@pytest.fixture()
def current_build(mini_copy: Path, tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    result = CliRunner().invoke(main, ["build", "--data", str(mini_copy), "--dist", str(dist)])
    assert result.exit_code == 0, result.output
    return dist


def rebuilds(
    data: Path, dist: Path, monkeypatch: pytest.MonkeyPatch, sources: Path = SEEDS
) -> bool:
    def refuse(data_dir: Path) -> None:
        raise AssertionError("rebuilt")

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "compile_graph", refuse)
        try:
            pipeline.graph_store(data, dist, sources)
        except AssertionError:
            return True
    return False


def test_an_unchanged_build_is_reused(
    mini_copy: Path, current_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not rebuilds(mini_copy, current_build, monkeypatch)
    store = pipeline.graph_store(mini_copy, current_build, SEEDS)
    assert run_query(store, LABEL) == [{"label": "Permanent Technical Committee"}]


def test_a_deleted_data_file_forces_a_rebuild(
    mini_copy: Path, current_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = next(iter(sorted((mini_copy / "organisations").glob("*.yaml"))))
    victim.unlink()
    assert rebuilds(mini_copy, current_build, monkeypatch)


def test_an_added_data_file_forces_a_rebuild(
    mini_copy: Path, current_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(mini_copy / "bodies" / "ptc.yaml", mini_copy / "bodies" / "ptc-copy.yaml")
    assert rebuilds(mini_copy, current_build, monkeypatch)


def test_a_file_changed_but_given_an_old_mtime_forces_a_rebuild(
    mini_copy: Path, current_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = mini_copy / "bodies" / "ptc.yaml"
    before = body.stat()
    body.write_text(body.read_text().replace("Permanent Technical Committee", "PTC (edited)"))
    os.utime(body, (before.st_atime, before.st_mtime - 3600))  # restored from an old backup
    assert rebuilds(mini_copy, current_build, monkeypatch)
    store = pipeline.graph_store(mini_copy, current_build, SEEDS)
    assert run_query(store, LABEL) == [{"label": "PTC (edited)"}]


def test_another_version_forces_a_rebuild(
    mini_copy: Path, current_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "__version__", "99.0.0")
    assert rebuilds(mini_copy, current_build, monkeypatch)


def test_another_sources_folder_forces_a_rebuild(
    mini_copy: Path, current_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert rebuilds(mini_copy, current_build, monkeypatch, sources=tmp_path / "elsewhere")


def test_a_changed_shape_file_forces_a_rebuild(
    mini_copy: Path, current_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = tmp_path / "shapes"
    shutil.copytree(PROJECT_DIR / "shapes", shapes)
    (shapes / "agents.ttl").write_text((shapes / "agents.ttl").read_text() + "\n# edited\n")
    monkeypatch.setattr(pipeline, "SHAPES_DIR", shapes)
    assert rebuilds(mini_copy, current_build, monkeypatch)


# --- the wheel ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_wheel_answers_from_an_empty_folder(tmp_path: Path) -> None:
    """Build the wheel, install it with pip --no-index --find-links into a new virtualenv (its
    dependencies borrowed from this one, so no network), and ask from a folder with nothing in
    it: the bundled graph answers and says so. A data/ folder there wins over it."""
    wheelhouse = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheelhouse),
            str(PROJECT_DIR),
        ],
        check=True,
        capture_output=True,
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            "--no-deps",
            "--ignore-installed",
            "wcograph",
        ],
        check=True,
        capture_output=True,
    )
    wcograph = str(venv / "bin" / "wcograph")
    empty = tmp_path / "empty"
    empty.mkdir()
    env = environment_without_sources()

    def ask(*args: str, cwd: Path = empty) -> subprocess.CompletedProcess:
        done = subprocess.run([wcograph, *args], cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done

    located = subprocess.run(
        [str(python), "-c", "import wcograph; print(wcograph.__file__)"],
        capture_output=True,
        text=True,
    ).stdout
    assert located.startswith(str(venv)), located
    answer = ask(*README_QUESTION, "--format", "csv")
    assert "Data Model Projects Team" in answer.stdout
    assert "answered by the graph bundled with wcograph" in answer.stderr
    asked = ask("ask", "Which bodies report to the PTC?", "--format", "csv").stdout
    assert "Data Model Projects Team" in asked
    version = ask("--version").stdout
    assert f"wcograph {__version__}" in version and "bundled" in version and "built 20" in version
    stats = ask("stats").stdout
    assert "graph: the graph bundled with wcograph" in stats and "wco:Decision" in stats
    # the whole graph is too large for one diagram: one Markdown page of diagrams per subtree
    mermaid = ask("export", "--format", "mermaid").stdout
    assert mermaid.startswith("# wcograph: ") and "```mermaid\nflowchart" in mermaid
    assert "Reporting tree" in ask("analyze").stdout
    assert list(empty.iterdir()) == []  # nothing written where it was asked

    here = tmp_path / "mine"
    shutil.copytree(MINI_DATA, here / "data")
    mine = ask("stats", cwd=here).stdout
    assert f"the data in {here / 'data'}" in mine
    assert "the data in" in ask(*README_QUESTION, cwd=here).stderr
    ask("build", cwd=here)  # the installed package builds a data folder of one's own
    assert (here / "dist" / "wcograph.ttl").exists()


# --- diff ---------------------------------------------------------------------------------------


def test_diff_reports_the_change_made_between_two_revisions_of_data() -> None:
    """Commit 6c2661f merged Turkey into Türkiye: one Member fewer, presentations relabelled."""
    result = CliRunner().invoke(main, ["diff", "git:6c2661f~1", "git:6c2661f", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["classes"]["wco:Member"]["removed"] == ["id:turkey"]
    assert "id:turkiye" in report["classes"]["wco:Member"]["changed"]
    assert any(
        "Presentation by Turkey" in change and "Presentation by Türkiye" in change
        for change in report["label_changes"]
    )
    assert report["decisions_added"] == [] and report["reporting_added"] == []
    markdown = CliRunner().invoke(
        main, ["diff", "git:6c2661f~1", "git:6c2661f", "--format", "markdown"]
    )
    assert "| wco:Member | 0 | 1 | 1 |" in markdown.output


def test_diff_names_reporting_lines_decisions_and_events_added(tmp_path: Path) -> None:
    """The mini data against the real data, both dist/ builds: what the real data adds."""
    runner = CliRunner()
    for name, data in (("old", MINI_DATA), ("new", PROJECT_DIR / "data")):
        built = runner.invoke(main, ["build", "--data", str(data), "--dist", str(tmp_path / name)])
        assert built.exit_code == 0, built.output
    result = runner.invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    said = result.output
    added = "Information Management Sub-Committee → Permanent Technical Committee"
    # the diff gives a start a source states; these two lines have evidence dates only
    assert f"  - {added} (report-submitted)" in said
    assert f"  - {added} (stated)" in said
    assert "  - Integrity Sub-Committee → Policy Commission (stated, from 2007-06-01)" in said
    # the real data does not end the mini PFCWG line: its term was only "due to end in December
    # 2023" (PC0737 para 17), an expected end and not an end
    assert "Reporting lines ended: none" in said
    # every decision of the real data that the mini data (6 of PC0737's) does not have
    real, mini = _decisions_per_meeting(PROJECT_DIR / "data"), _decisions_per_meeting(MINI_DATA)
    added = sum(real.values()) - sum(mini.values())
    meetings = sum(1 for meeting, n in real.items() if n > mini.get(meeting, 0))
    assert f"Decisions added: {added} at {meetings} meetings" in said
    assert "  - 219th/220th Sessions of the Permanent Technical Committee: 56 (" in said
    closed = "Working Group on the WTO Agreement on Trade Facilitation: closed (2021-01-01)"
    assert f"  - {closed}" in said


def _decisions_per_meeting(folder: Path) -> dict[str, int]:
    from wcograph.records.load import load_data

    curated = load_data(folder).curated
    return {
        meeting.id: sum(len(block.bullets) for block in meeting.decisions)
        for file in curated.meeting_files
        for meeting in file.meetings
        if meeting.decisions
    }


def test_a_bad_revision_is_bad_input() -> None:
    result = CliRunner().invoke(main, ["diff", "git:no-such-revision", "data"])
    assert result.exit_code == 2 and "no-such-revision" in result.output


def test_the_changelog_data_section_is_what_diff_writes() -> None:
    changelog = (PROJECT_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    command = "wcograph diff git:ae21977 data/ --format markdown"
    assert command in changelog
    section = changelog.split("<!-- diff:start -->\n")[1].split("<!-- diff:end -->")[0]
    result = CliRunner().invoke(main, command.split()[1:])
    assert section == result.output, f"out of date: run {command} --into CHANGELOG.md"


# --- readable output, optional extras, the release workflow -----------------------------------


def test_validate_quiet_prints_only_violations_and_the_summary() -> None:
    result = CliRunner().invoke(main, ["validate", "--quiet", "--data", str(MINI_DATA)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        line for line in result.output.splitlines() if line.startswith("validation conforms")
    ]
    assert "1 warning" in result.output


def test_progress_shows_on_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped, terminal = io.StringIO(), Terminal()
    for stream in (piped, terminal):
        with step("reasoning", stream):
            pass
    assert piped.getvalue() == ""
    assert terminal.getvalue().startswith("reasoning …") and "done in" in terminal.getvalue()


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "owlready2", None)
    result = CliRunner().invoke(main, ["reason", "--data", str(MINI_DATA)])
    assert result.exit_code == 2
    assert "pip install 'wcograph[reason]'" in result.output
    monkeypatch.setitem(sys.modules, "pyshacl", None)
    result = CliRunner().invoke(main, ["validate", "--engine", "pyshacl", "--data", str(MINI_DATA)])
    assert result.exit_code == 2 and "pip install 'wcograph[pyshacl]'" in result.output


def test_ask_answers_as_of_a_day() -> None:
    result = CliRunner().invoke(
        main, ["ask", "Which bodies report to the PTC?", "--as-of", "2018-04-20", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert "Working Group on E-Commerce" in result.stdout
    # PC0737 (October 2023) is the first source of this mini group's line: not there in 2018.
    assert "Customs-Port Cooperation Mini Group" not in result.stdout


def test_the_release_workflow_is_a_valid_github_workflow() -> None:
    workflow = PROJECT_DIR / ".github" / "workflows" / "release.yml"
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    steps = yaml.safe_load(workflow.read_text())["jobs"]["release"]["steps"]
    commands = " ".join(step.get("run", "") for step in steps)
    assert (
        "python -m build" in commands and "sha256sum" in commands and "wcograph build" in commands
    )


def test_stats_as_of_counts_the_meetings_up_to_that_day() -> None:
    """PC0517 records 56 decisions of the 219th/220th Sessions (April 2018); the later meetings'
    decisions are left out as of the end of 2018."""
    runner = CliRunner()
    whole = json.loads(runner.invoke(main, ["stats", "--format", "json"]).stdout)
    then = json.loads(
        runner.invoke(main, ["stats", "--format", "json", "--as-of", "2018-12-31"]).stdout
    )
    meetings = then["sections"]["decisions per meeting (meetings up to 2018-12-31)"]
    counted = {row["meeting"]: row["decisions"] for row in meetings}
    assert counted["id:ptc-219-220"] == 56
    assert "id:ptc-241-242" not in counted and "id:ptc-2025-10" not in counted
    all_types = sum(row["decisions"] for row in whole["sections"]["decisions per type"])
    types = then["sections"]["decisions per type (meetings up to 2018-12-31)"]
    assert sum(row["decisions"] for row in types) == sum(counted.values()) < all_types
    markdown = runner.invoke(main, ["stats", "--format", "markdown"]).stdout
    assert "### decisions per meeting" in markdown and "| id:ptc-219-220 |" in markdown
