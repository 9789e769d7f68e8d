#!/bin/sh
# Write a development .env (DEBUG on) at $1 unless one exists, so that `.venv/bin/python
# manage.py ...` works from the shell as it does under `make run`. Never overwrites a .env.
set -eu
target="${1:-.env}"
if [ -e "$target" ]; then
  exit 0
fi
cat > "$target" <<'ENV'
# Written by `make run` for development (gitignored); production sets its own environment
# (docs/deployment.md). Every setting of .env.example may be added here.
DEBUG=on
ENV
echo "Wrote $target for development (DEBUG=on)."
