#!/bin/sh
# The image's entrypoint: binbridge with the container's command (default
# `run`). Configuration: the environment (BINBRIDGE_SOURCE, BINBRIDGE_REDIS,
# ...; README.md, "Configuration") and a file mounted at
# /etc/binbridge/binbridge.conf, which is read when $BINBRIDGE_CONFIG names
# no other (the environment wins over the file, flags over both).
# exec: binbridge is PID 1 and gets `docker stop`'s SIGTERM itself.
if [ -z "${BINBRIDGE_CONFIG:-}" ] && [ -e /etc/binbridge/binbridge.conf ]; then
    BINBRIDGE_CONFIG=/etc/binbridge/binbridge.conf
    export BINBRIDGE_CONFIG
fi
exec /usr/local/bin/binbridge "$@"
