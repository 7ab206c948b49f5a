#!/usr/bin/env bash
# Stops the Azurite that start.sh started (AZURITE_PID_FILE for another instance than the default one).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pidfile="${AZURITE_PID_FILE:-$here/.azurite.pid}"
if [ -f "$pidfile" ]; then
  pid="$(cat "$pidfile")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done  # gone before this returns
    echo "azurite: stopped"
  fi
  rm -f "$pidfile"
fi
