#!/usr/bin/env bash
# Runs every test of the lab: first installs what the tests need on this machine (Jupyter's Debian packages
# for the notebook tests, when missing), then the whole Maven build with its tests (mvn verify).
# Extra arguments go to Maven, for example: ./lab test -pl core
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -x notebooks/setup-jupyter.sh ]]; then
  notebooks/setup-jupyter.sh
fi
exec mvn -B verify "$@"
