"""The wheel's build hook: every wheel carries the built, validated graph.

A ``build_py`` step is the robust place for it: it runs however the wheel is made (``python -m
build``, ``pip wheel``, ``pip install .``, from the repository or from the sdist, which carries
data/), so no wheel can ship without its graph or with a stale one. The graph is built from the
data/, ontology/, shapes/ and queries/ being packaged, by the package's own code (src/ on the
path), validated, and written with its build info into ``wcograph/graph/`` in the build folder,
never into the source tree. An invalid graph stops the build. Editable installs skip it: they
answer from data/.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithGraph(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            self._graph_outputs = self.build_graph(Path(self.build_lib) / "wcograph" / "graph")

    def build_graph(self, target: Path) -> list[str]:
        sys.path.insert(0, str(ROOT / "src"))
        from wcograph.pipeline import build_checked
        from wcograph.records.sources import sources_dir
        from wcograph.validate.findings import render_text

        checked = build_checked(ROOT / "data", sources_dir())
        if not checked.report.conforms:
            raise SystemExit("the graph does not validate:\n" + render_text(checked.report))
        written = checked.write(target)
        print(f"wcograph: bundled graph ({len(checked.built.store)} triples) -> {target}")
        print(f"wcograph: {checked.texts.summary()}")
        return [str(path) for path in written]

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode), *getattr(self, "_graph_outputs", [])]


setup(cmdclass={"build_py": BuildPyWithGraph})
