#!/usr/bin/env bash
# Builds the notebooks module (and the lab below it) when a source changed since the last build, then prints
# the kernel's classpath. Used by install-kernel.sh and run.sh; the build's log goes to .statelab/build.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAMP="$ROOT/notebooks/target/kernel.classpath"

if [[ ! -d "$ROOT/notebooks/target/classes" ]]; then rm -f "$STAMP"; fi
"$ROOT/scripts/build-if-stale.sh" notebooks "$STAMP" notebooks
echo "$ROOT/notebooks/target/classes:$(cat "$STAMP")"
