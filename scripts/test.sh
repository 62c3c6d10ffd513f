#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine, then runs it, saying what it
# installs as it goes: the system packages the tests drive (Graphviz, Chromium and its driver, a
# Java runtime for HermiT, Virtuoso for the publish tests) with apt when they are missing; the
# package with its test and dev extras in .venv with pip; the second SHACL engine's npm packages
# (tests/js) with npm; Apache Jena Fuseki with mvn when Maven Central is reachable (it is not on
# every machine: the Fuseki tests then skip and say why). Then lint (ruff), types (mypy on src/),
# the real data's build and validation, the citations checked against the source texts
# (../shared/seeds, or $WCOGRAPH_SOURCES), and pytest.
# Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# virtuoso-opensource: a real triple store for the `wcograph publish` tests (tests/test_publish.py).
apt_packages=(graphviz chromium chromium-driver default-jre-headless virtuoso-opensource)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "apt: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "apt: ${apt_packages[*]} already installed"
fi

echo "pip: wcograph (editable) with its test and dev extras, into .venv"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,dev]'

if [ -f tests/js/package-lock.json ]; then
  echo "npm: the second SHACL engine's packages (tests/js/package-lock.json)"
  (cd tests/js && npm ci --no-audit --no-fund)
fi

# Apache Jena Fuseki for the publish tests, from Maven Central when it is reachable; without it
# those tests skip Fuseki and say why (benchmarks/stores.py).
if command -v mvn >/dev/null 2>&1; then
  echo "fetching jena-fuseki-server 5.6.0 with mvn (skipped by the tests if this fails)"
  timeout 120 mvn -q dependency:get -Dartifact=org.apache.jena:jena-fuseki-server:5.6.0 >/dev/null 2>&1 \
    || echo "jena-fuseki-server not fetched: Maven Central unreachable; Fuseki tests will skip"
fi

echo "lint: ruff"
.venv/bin/ruff check src tests benchmarks
echo "data: every curated file in canonical form (wcograph fmt --check)"
.venv/bin/wcograph fmt --check data
echo "ontology: the ROBOT-style report (labels, definitions, undeclared terms)"
.venv/bin/wcograph ontology-report
echo "schema: the JSON Schemas of the YAML match the model"
.venv/bin/wcograph schema --check
echo "types: mypy src"
.venv/bin/mypy src
# The curated data must build and conform to the shapes: a violation stops here, with its report.
echo "build: the real data, validated (into a temporary folder)"
.venv/bin/wcograph build --dist "$(mktemp -d)"
echo "sources verify: every citation against the source texts"
.venv/bin/wcograph sources verify
echo "pytest"
.venv/bin/pytest -q -p no:cacheprovider "$@"
