#!/usr/bin/env bash
# Installs the lab's Java kernel for Jupyter as kernelspec 'java' in your Jupyter data directory (building the
# lab first when needed). Afterwards `jupyter kernelspec list` shows java, and Jupyter offers "Java (statelab)"
# for new notebooks and runs the lab's notebooks with it.
#
#   notebooks/install-kernel.sh
#
# The kernelspec points at this checkout's build: run it again after moving the checkout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -gt 0 ]]; then
  echo "usage: notebooks/install-kernel.sh   (no arguments)" >&2
  exit 2
fi
"$ROOT/notebooks/setup-jupyter.sh"
CLASSPATH_ALL="$("$ROOT/notebooks/build.sh")"
JAVA="java"
[[ -n "${JAVA_HOME:-}" ]] && JAVA="$JAVA_HOME/bin/java"
exec "$JAVA" -cp "$CLASSPATH_ALL" statelab.notebooks.KernelSpec --user
