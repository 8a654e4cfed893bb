#!/usr/bin/env bash
# Builds the notebooks module (and the lab below it) when a source changed since the last build, then prints
# the kernel's classpath. Used by install-kernel.sh and run.sh; the build's log goes to .statelab/build.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAMP="$ROOT/notebooks/target/kernel.classpath"

needs_build() {
  [[ -f "$STAMP" && -d "$ROOT/notebooks/target/classes" ]] || return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$STAMP" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  echo "notebooks: building the lab and its Java kernel (first use or changed sources) ..." >&2
  mkdir -p "$ROOT/.statelab"
  if ! (cd "$ROOT" && mvn -B -DskipTests -pl notebooks -am package > "$ROOT/.statelab/build.log" 2>&1); then
    tail -40 "$ROOT/.statelab/build.log" >&2
    echo "notebooks: the build failed (full log: .statelab/build.log)" >&2
    exit 1
  fi
  touch "$STAMP"
fi
echo "$ROOT/notebooks/target/classes:$(cat "$STAMP")"
