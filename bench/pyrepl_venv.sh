#!/usr/bin/env bash
# The virtual environment of the Python bridge in `make bench`
# (bench/pyrepl_bridge.py): python-mysql-replication and redis-py at the
# versions pinned in bench/pyrepl-requirements.txt, installed from PyPI on
# first use, outside the work tree, and reused while the pins and the Python
# that made it stay the same.
#
# Usage: bench/pyrepl_venv.sh
# Prints the environment's python on stdout.
#
# Environment:
#   BB_TOOLS_DIR   where it is kept, as for scripts/deps.sh: default
#                  ~/.cache/binbridge; the environment is
#                  $BB_TOOLS_DIR/pymysqlrepl-venv
#   BB_PYTHON      the Python that makes it (default python3: on Debian
#                  that needs python3-venv, which `scripts/deps.sh bench`
#                  installs)
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
die() { printf 'pyrepl_venv.sh: %s\n' "$*" >&2; exit 1; }
req=$root/bench/pyrepl-requirements.txt
tools=$(realpath -m -- "${BB_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/binbridge}")
venv=$tools/pymysqlrepl-venv
python=${BB_PYTHON:-python3}
command -v "$python" >/dev/null || die "no $python on PATH"
# What the environment was made from: the pins and the Python's own path and
# version (a venv points at the interpreter that made it).
want="$(sha256sum <"$req" | cut -d' ' -f1) $(realpath -- "$(command -v "$python")") $("$python" -c 'import sys; print(sys.version.split()[0])')"
mkdir -p -- "$tools"
exec 9>"$venv.lock"
flock 9
if [[ $(cat -- "$venv/.bb-made-from" 2>/dev/null) == "$want" ]] \
        && "$venv/bin/python" -c 'import pymysqlreplication, redis' 2>/dev/null; then
    echo "$venv/bin/python"
    exit 0
fi
echo "pyrepl_venv.sh: making $venv (python-mysql-replication and redis-py, pinned in bench/pyrepl-requirements.txt)" >&2
rm -rf -- "$venv"
"$python" -m venv "$venv" >&2 \
    || die "$python -m venv failed (on Debian: apt-get install python3-venv, or scripts/deps.sh bench)"
# --no-deps: every package, dependencies included, is pinned in the file.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -r "$req" >&2 \
    || { rm -rf -- "$venv"; die "pip install -r bench/pyrepl-requirements.txt failed"; }
"$venv/bin/python" -m pip check >&2 || { rm -rf -- "$venv"; die "the pinned packages do not fit together (pip check)"; }
echo "$want" >"$venv/.bb-made-from"
echo "$venv/bin/python"
