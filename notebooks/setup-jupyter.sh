#!/usr/bin/env bash
# Installs what the notebook tests need on this machine, from Debian's packages (no pip), where missing:
# Jupyter's nbconvert and jupyter_client, to run notebooks headless, and chromium, the headless browser that
# captures Spark's web UI as a PNG (notebook 05). ./lab test runs it before the build.
#
#   notebooks/setup-jupyter.sh
#
# Exit codes: 0 installed (or already there); 1 it could not install them (the message says why and what to do).
set -euo pipefail

JUPYTER_PACKAGES=(jupyter-nbconvert jupyter-client)
BROWSER_PACKAGES=(chromium)

# Debian's jupyter scripts run /usr/bin/python3; another python3 first on PATH may lack the modules.
have_jupyter() {
  [[ -x /usr/bin/jupyter-nbconvert && -x /usr/bin/jupyter-kernelspec ]] \
    && /usr/bin/python3 -c 'import nbconvert, nbclient, jupyter_client' 2>/dev/null
}

have_browser() {
  [[ -x /usr/bin/chromium ]]
}

MISSING=()
have_jupyter || MISSING+=("${JUPYTER_PACKAGES[@]}")
have_browser || MISSING+=("${BROWSER_PACKAGES[@]}")
if [[ ${#MISSING[@]} -eq 0 ]]; then
  exit 0
fi

fail() {
  echo "setup-jupyter: $1" >&2
  echo "setup-jupyter: the notebook tests need them; install by hand with:" >&2
  echo "    sudo apt-get install -y --no-install-recommends ${MISSING[*]}" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: cannot install ${MISSING[*]} on this system"
SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    fail "${MISSING[*]} missing, and installing needs root (or password-less sudo)"
  fi
fi

echo "setup-jupyter: installing ${MISSING[*]} from Debian's packages ..." >&2
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# A fresh machine has no package lists yet: update once, then install.
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${MISSING[@]}" >"$log" 2>&1; then
  "${SUDO[@]}" apt-get update -q >>"$log" 2>&1 || true
  if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${MISSING[@]}" >>"$log" 2>&1; then
    tail -5 "$log" >&2
    fail "apt-get could not install ${MISSING[*]}"
  fi
fi
have_jupyter || fail "installed ${MISSING[*]}, but /usr/bin/python3 cannot import nbconvert, nbclient, jupyter_client"
have_browser || fail "installed ${MISSING[*]}, but /usr/bin/chromium is still missing"
echo "setup-jupyter: done ($(/usr/bin/jupyter-nbconvert --version 2>/dev/null | head -1) nbconvert;" \
  "$(/usr/bin/chromium --version 2>/dev/null | head -1))" >&2
