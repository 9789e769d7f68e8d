#!/usr/bin/env bash
# Run a command (the development server, gunicorn) with a task worker beside it, and stop both
# together: on Ctrl-C, on TERM, or as soon as either of them ends (`make run`, `make serve`).
#
#   scripts/with_worker.sh COMMAND [ARGS...]
#
# The worker is `manage.py db_worker` on every queue (docs/deployment.md), run by $PYTHON
# (default .venv/bin/python). Extra worker options go in $WORKER_OPTIONS.
set -u

PYTHON=${PYTHON:-.venv/bin/python}

# Job control: each child gets its own process group, so a signal sent to the group reaches a
# process and its children alike (runserver's autoreloader runs the server in a child) and
# neither child starts with SIGINT ignored, as background jobs of a plain script would.
set -m

# shellcheck disable=SC2086  # WORKER_OPTIONS is a list of options
"$PYTHON" manage.py db_worker --queue-name '*' --no-startup-delay ${WORKER_OPTIONS:-} &
worker=$!
"$@" &
server=$!

stop() {
    kill -INT -- "-$server" "-$worker" 2>/dev/null
}
trap stop INT TERM HUP

# Returns when either ends (or a signal arrives); then the other is stopped too.
wait -n "$server" "$worker"
status=$?
stop
wait "$server" "$worker" 2>/dev/null
trap - INT TERM HUP
exit "$status"
