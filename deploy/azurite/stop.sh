#!/usr/bin/env bash
# Stops the Azurite that start.sh started (AZURITE_PID_FILE for another instance than the default one).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pidfile="${AZURITE_PID_FILE:-$here/.azurite.pid}"
if [ -f "$pidfile" ]; then
  kill "$(cat "$pidfile")" 2>/dev/null && echo "azurite: stopped"
  rm -f "$pidfile"
fi
