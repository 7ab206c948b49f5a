#!/usr/bin/env bash
# Starts Azurite (the Azure Storage emulator, pinned in package.json) on 127.0.0.1: blob 10000, queue 10001,
# table 10002 (AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT to change them). Installs it from the
# lockfile on first use. Does nothing if it is already listening. Data lives in .data/ beside this script
# (AZURITE_LOCATION to move it); the pid goes to AZURITE_PID_FILE (default .azurite.pid); stop.sh stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

blob="${AZURITE_BLOB_PORT:-10000}"; queue="${AZURITE_QUEUE_PORT:-10001}"; table="${AZURITE_TABLE_PORT:-10002}"
pidfile="${AZURITE_PID_FILE:-$here/.azurite.pid}"
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null; }

# Installed first, whatever else happens, one install at a time (several tests may start their own instances at once).
if [ ! -x node_modules/.bin/azurite ]; then
  (
    flock 9
    if [ ! -x node_modules/.bin/azurite ]; then
      echo "azurite: installing from package-lock.json"
      npm ci --no-audit --no-fund --loglevel=error
    fi
  ) 9> "$here/.install.lock"
fi

if listening; then
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "azurite: already listening on 127.0.0.1:$blob (pid $(cat "$pidfile"))"
    exit 0
  fi
  # Something else holds the port: say so rather than silently use it (AZURITE_REQUIRE_OWN=1: refuse).
  if [ "${AZURITE_REQUIRE_OWN:-0}" = 1 ]; then
    echo "azurite: 127.0.0.1:$blob is taken by a process this script did not start; set AZURITE_BLOB_PORT/QUEUE_PORT/TABLE_PORT to free ports" >&2
    exit 1
  fi
  echo "azurite: 127.0.0.1:$blob is already served by a process this script did not start: using it" >&2
  exit 0
fi


location="${AZURITE_LOCATION:-$here/.data}"
mkdir -p "$location"
# --skipApiVersionCheck: the Azure SDKs are often newer than the emulator's API version.
nohup node_modules/.bin/azurite --silent --skipApiVersionCheck --disableProductStyleUrl \
  --location "$location" \
  --blobHost 127.0.0.1 --blobPort "$blob" \
  --queueHost 127.0.0.1 --queuePort "$queue" \
  --tableHost 127.0.0.1 --tablePort "$table" \
  > "$location/azurite.log" 2>&1 &
echo $! > "$pidfile"

for _ in $(seq 1 100); do
  if listening; then echo "azurite: listening on 127.0.0.1:$blob,$queue,$table (pid $(cat "$pidfile"))"; exit 0; fi
  sleep 0.2
done
echo "azurite: did not start; see $location/azurite.log" >&2
cat "$location/azurite.log" >&2 || true
exit 1
