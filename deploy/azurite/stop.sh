#!/usr/bin/env bash
# Stops the Azurite that start.sh started.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -f "$here/.azurite.pid" ]; then
  kill "$(cat "$here/.azurite.pid")" 2>/dev/null && echo "azurite: stopped"
  rm -f "$here/.azurite.pid"
fi
