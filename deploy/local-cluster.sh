#!/usr/bin/env bash
# A local N-silo cluster on the Azure profile against Azurite, on loopback, with mutual TLS, a shared stream key and a
# root credential (deploy/.local-cluster/root-key; the CLI line it prints carries it).
#   deploy/local-cluster.sh start [N]    start Azurite and N silos (default 3); prints their ports and how to connect
#   deploy/local-cluster.sh restart I    stop silo I (a graceful leave) and start it again on its ports
#   deploy/local-cluster.sh stop         stop every silo (SIGTERM, a graceful leave; waits for each), then Azurite
# Silo i listens on SILO_PORT+i, GATEWAY_PORT+i and HTTP_PORT+i (defaults 11111, 30000, 8080), bound to 127.0.0.1.
# Azurite's ports come from AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT (10000-10002); the silos are
# given those endpoints explicitly. CLUSTER_ID names the cluster (default local). Logs: deploy/.local-cluster/silo-i.log
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
state="$here/.local-cluster"
cluster_id="${CLUSTER_ID:-local}"
silo_base="${SILO_PORT:-11111}"; gateway_base="${GATEWAY_PORT:-30000}"; http_base="${HTTP_PORT:-8080}"
blob="${AZURITE_BLOB_PORT:-10000}"; queue="${AZURITE_QUEUE_PORT:-10001}"; table="${AZURITE_TABLE_PORT:-10002}"
# Azurite's well-known development account, at the ports above (not "UseDevelopmentStorage=true", which means 10000-10002).
account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"

start_silo() { # index
  local i="$1"
  dotnet "$root/Silo/bin/Release/net10.0/Orchestration.Silo.dll" \
    --Orchestration:Profile=Azure --Orchestration:AzureStorage="$storage" \
    --Orchestration:ClusterId="$cluster_id" --Orchestration:StreamSigningKey="$(cat "$state/stream-signing-key")" \
    --Orchestration:RootKey="$(cat "$state/root-key")" \
    --Orchestration:Tls:Certificate="$state/tls/silo.pfx" --Orchestration:Tls:Authority="$state/tls/ca.pem" \
    --Orchestration:AdvertisedAddress=127.0.0.1 \
    --Orchestration:SiloPort=$((silo_base + i)) --Orchestration:GatewayPort=$((gateway_base + i)) \
    --Orchestration:HttpUrl=http://127.0.0.1:$((http_base + i)) \
    >> "$state/silo-$i.log" 2>&1 &
  echo $! > "$state/silo-$i.pid"
}

wait_ready() { # index
  local i="$1"
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$((http_base + i))/health/ready" > /dev/null; then
      echo "silo $i ready: gateway 127.0.0.1:$((gateway_base + i)), http://127.0.0.1:$((http_base + i)) (pid $(cat "$state/silo-$i.pid"))"
      return 0
    fi
    sleep 0.5
  done
  echo "silo $i not ready; see $state/silo-$i.log" >&2
  return 1
}

stop_silo() { # pid file; waits up to 30 s for a graceful leave
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

case "${1:-}" in
  start)
    n="${2:-3}"
    mkdir -p "$state"
    AZURITE_BLOB_PORT="$blob" AZURITE_QUEUE_PORT="$queue" AZURITE_TABLE_PORT="$table" AZURITE_REQUIRE_OWN=1 \
      AZURITE_PID_FILE="$state/azurite.pid" AZURITE_LOCATION="$state/azurite" bash "$here/azurite/start.sh"
    # The silos share one stream-sealing key, kept for the life of the local cluster's state.
    [ -f "$state/stream-signing-key" ] || head -c 32 /dev/urandom | base64 > "$state/stream-signing-key"
    # And one root credential (orch-root. + this key): the local operator's, to issue studio credentials with.
    [ -f "$state/root-key" ] || (umask 077 && head -c 32 /dev/urandom | base64 > "$state/root-key")
    # Mutual TLS: a development authority, the silos' certificate and one for clients (the CLI, agent services).
    bash "$here/tls/make-dev-certs.sh" "$state/tls" cli > /dev/null
    dotnet build "$root/Silo/Orchestration.Silo.csproj" -c Release --nologo -v q
    for i in $(seq 0 $((n - 1))); do start_silo "$i"; done
    for i in $(seq 0 $((n - 1))); do wait_ready "$i"; done
    echo "cli: orchestration --profile azure --connection \"$storage\" --cluster-id $cluster_id --tls-certificate $state/tls/cli.pfx --tls-authority $state/tls/ca.pem --credential orch-root.$(cat "$state/root-key") status"
    echo "clients: UseOrchestrationAzure(\"<the connection above>\", \"$cluster_id\", OrchestrationTls.Load(\"$state/tls/cli.pfx\", null, \"$state/tls/ca.pem\")).UseOrchestrationCredential(<a credential an operator issued>)"
    ;;
  restart)
    i="${2:?usage: $0 restart I}"
    stop_silo "$state/silo-$i.pid"
    start_silo "$i"
    wait_ready "$i"
    ;;
  stop)
    for file in "$state"/silo-*.pid; do stop_silo "$file"; done
    AZURITE_PID_FILE="$state/azurite.pid" bash "$here/azurite/stop.sh"
    ;;
  *)
    echo "usage: $0 start [N] | restart I | stop" >&2
    exit 2
    ;;
esac
