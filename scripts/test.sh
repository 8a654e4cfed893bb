#!/usr/bin/env bash
# Runs every test of the lab: first installs what the tests need on this machine (Jupyter's Debian packages
# for the notebook tests, when missing), then the whole Maven build with its tests (mvn verify), and finally
# installs the lab's Java kernel for Jupyter (kernelspec 'java', see notebooks/README.md).
# Extra arguments go to Maven, for example: ./lab test -pl core
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ -x notebooks/setup-jupyter.sh ]]; then
  notebooks/setup-jupyter.sh
fi
mvn -B verify "$@"
# The whole build just ran (no arguments narrowed it), so the kernel it built is current: install it.
if [[ $# -eq 0 && -x notebooks/install-kernel.sh ]]; then
  touch notebooks/target/kernel.classpath
  notebooks/install-kernel.sh
fi
