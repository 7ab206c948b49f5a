#!/usr/bin/env bash
# Starts Azurite (the Azure Storage emulator, pinned in package.json) on 127.0.0.1: blob 10000, queue 10001,
# table 10002. Installs it from the lockfile on first use. Does nothing if it is already listening.
# Data lives in .data/ beside this script (AZURITE_LOCATION to move it); stop.sh stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

listening() { (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; }

if listening; then
  echo "azurite: already listening on 127.0.0.1:10000"
  exit 0
fi

if [ ! -x node_modules/.bin/azurite ]; then
  echo "azurite: installing from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

location="${AZURITE_LOCATION:-$here/.data}"
mkdir -p "$location"
# --skipApiVersionCheck: the Azure SDKs are often newer than the emulator's API version.
nohup node_modules/.bin/azurite --silent --skipApiVersionCheck --disableProductStyleUrl \
  --location "$location" \
  --blobHost 127.0.0.1 --blobPort 10000 \
  --queueHost 127.0.0.1 --queuePort 10001 \
  --tableHost 127.0.0.1 --tablePort 10002 \
  > "$here/azurite.log" 2>&1 &
echo $! > "$here/.azurite.pid"

for _ in $(seq 1 100); do
  if listening; then echo "azurite: listening on 127.0.0.1:10000-10002 (pid $(cat "$here/.azurite.pid"))"; exit 0; fi
  sleep 0.2
done
echo "azurite: did not start; see $here/azurite.log" >&2
cat "$here/azurite.log" >&2 || true
exit 1
