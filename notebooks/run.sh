#!/usr/bin/env bash
# Executes the lab's notebooks headless with the lab's Java kernel (Jupyter's nbconvert), as the tests do.
#
#   notebooks/run.sh                        # every notebook; executed copies in notebooks/target/executed/
#   notebooks/run.sh --in-place             # rewrite the stored notebooks with fresh outputs
#   notebooks/run.sh notebooks/05-*.ipynb   # some of them
#
# Installs Jupyter's Debian packages first where missing (setup-jupyter.sh) and builds the lab when needed.
# Exit codes: 0 every notebook ran; 1 a cell failed (its error is printed); 2 bad arguments.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/notebooks/setup-jupyter.sh"
CLASSPATH_ALL="$("$ROOT/notebooks/build.sh")"
JAVA="java"
[[ -n "${JAVA_HOME:-}" ]] && JAVA="$JAVA_HOME/bin/java"
exec "$JAVA" -cp "$CLASSPATH_ALL" statelab.notebooks.RunNotebooks "$@"
