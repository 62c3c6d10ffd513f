#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine, then runs it:
# system packages (Graphviz, Chromium + driver, a Java runtime for HermiT, Virtuoso for the
# publish tests), Fuseki from Maven Central when reachable, the Python package
# with its test extras in .venv, the second SHACL engine's npm packages, then ruff and pytest.
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
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

if [ -f tests/js/package-lock.json ]; then
  (cd tests/js && npm ci --silent --no-audit --no-fund)
fi

# Apache Jena Fuseki for the publish tests, from Maven Central when it is reachable; without it
# those tests skip Fuseki and say why (benchmarks/stores.py).
if command -v mvn >/dev/null 2>&1; then
  echo "fetching jena-fuseki-server 5.6.0 with mvn (skipped by the tests if this fails)"
  timeout 300 mvn -q dependency:get -Dartifact=org.apache.jena:jena-fuseki-server:5.6.0 >/dev/null 2>&1 \
    || echo "jena-fuseki-server not fetched: Maven Central unreachable; Fuseki tests will skip"
fi

.venv/bin/ruff check src tests benchmarks
# The curated data must build and conform to the shapes: a violation stops here, with its report.
.venv/bin/wcograph build --dist "$(mktemp -d)"
.venv/bin/pytest -q -p no:cacheprovider "$@"
