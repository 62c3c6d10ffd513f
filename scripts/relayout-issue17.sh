#!/bin/sh
# Issue 17's package layout, re-appliable: git mv every module named in layout-issue17.json,
# then rewrite the imports (scripts/relayout.py) and sort them. Run once, from the checkout.
set -e
python3 - <<'PY'
import json, subprocess
from pathlib import Path
layout = json.loads(Path("scripts/layout-issue17.json").read_text())
modules, packages = layout["modules"], layout["packages"]
for old, new in modules.items():
    source = Path("src/wcograph", *old.split(".")).with_suffix(".py")
    target = Path("src/wcograph", *new.split(".")).with_suffix(".py")
    target.parent.mkdir(parents=True, exist_ok=True)
    init = target.parent / "__init__.py"
    if not init.exists():
        init.write_text(f'"""{packages[target.parent.name]}"""\n')
        subprocess.run(["git", "add", str(init)], check=True)
    subprocess.run(["git", "mv", str(source), str(target)], check=True)
pyproject = Path("pyproject.toml")
text = pyproject.read_text()
listed = "".join(f'  "wcograph.{name}",\n' for name in sorted(packages) if f'"wcograph.{name}"' not in text)
pyproject.write_text(text.replace('  "wcograph.ask",\n', '  "wcograph.ask",\n' + listed, 1))
PY
python3 scripts/relayout.py scripts/layout-issue17.json
.venv/bin/ruff check --fix --select I src tests benchmarks scripts setup.py >/dev/null || true
.venv/bin/ruff format src tests benchmarks scripts setup.py >/dev/null
