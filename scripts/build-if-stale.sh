#!/usr/bin/env bash
# Builds MODULE (and the lab below it) when it was never built or a source changed since STAMP was touched, then
# touches STAMP. The one rule for ./lab and the notebooks: any pom.xml or any module's src/main newer than STAMP.
# The build's log goes to .statelab/build.log; on failure its end is printed and the exit code is 1.
#   scripts/build-if-stale.sh MODULE STAMP LABEL
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$1"
STAMP="$2"
LABEL="${3:-lab}"

needs_build() {
  [[ -f "$STAMP" ]] || return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$STAMP" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "$LABEL: building (first use or changed sources; tests are run by ./lab test) ..." >&2
  mkdir -p "$ROOT/.statelab"
  if ! (cd "$ROOT" && mvn -B -DskipTests -pl "$MODULE" -am package > "$ROOT/.statelab/build.log" 2>&1); then
    tail -40 "$ROOT/.statelab/build.log" >&2
    echo "$LABEL: the build failed (full log: .statelab/build.log)" >&2
    exit 1
  fi
  touch "$STAMP"
fi
