#!/usr/bin/env bash
# Installs what the notebook tests need to run notebooks headless: Jupyter's nbconvert and jupyter_client from
# Debian's packages (no pip), where they are missing. ./lab test runs it before the build.
#
#   notebooks/setup-jupyter.sh
#
# Exit codes: 0 installed (or already there); 1 it could not install them (the message says why and what to do).
set -euo pipefail

PACKAGES=(jupyter-nbconvert jupyter-client)

# Debian's jupyter scripts run /usr/bin/python3; another python3 first on PATH may lack the modules.
have_jupyter() {
  [[ -x /usr/bin/jupyter-nbconvert && -x /usr/bin/jupyter-kernelspec ]] \
    && /usr/bin/python3 -c 'import nbconvert, nbclient, jupyter_client' 2>/dev/null
}

if have_jupyter; then
  exit 0
fi

fail() {
  echo "setup-jupyter: $1" >&2
  echo "setup-jupyter: the notebook tests need them; install by hand with:" >&2
  echo "    sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: cannot install ${PACKAGES[*]} on this system"
SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    fail "${PACKAGES[*]} are missing and installing them needs root (or password-less sudo)"
  fi
fi

echo "setup-jupyter: installing ${PACKAGES[*]} from Debian's packages ..." >&2
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# A fresh machine has no package lists yet: update once, then install.
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >"$log" 2>&1; then
  "${SUDO[@]}" apt-get update -q >>"$log" 2>&1 || true
  if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >>"$log" 2>&1; then
    tail -5 "$log" >&2
    fail "apt-get could not install ${PACKAGES[*]}"
  fi
fi
have_jupyter || fail "installed ${PACKAGES[*]}, but /usr/bin/python3 still cannot import nbconvert/nbclient/jupyter_client"
echo "setup-jupyter: done ($(/usr/bin/jupyter-nbconvert --version 2>/dev/null | head -1) nbconvert)" >&2
