#!/usr/bin/env bash
# A local N-silo cluster on the Azure profile against Azurite, on loopback.
#   deploy/local-cluster.sh start [N]   start Azurite and N silos (default 3); prints their ports
#   deploy/local-cluster.sh stop        stop the silos (SIGTERM, a graceful leave) and Azurite
# Silo i listens on 11111+i (silo), 30000+i (gateway), 8080+i (HTTP). Logs: deploy/.local-cluster/silo-i.log
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
state="$here/.local-cluster"
cluster_id="${CLUSTER_ID:-local}"

case "${1:-}" in
  start)
    n="${2:-3}"
    mkdir -p "$state"
    bash "$here/azurite/start.sh"
    # The silos share one stream-sealing key, kept for the life of the local cluster's state.
    [ -f "$state/stream-signing-key" ] || head -c 32 /dev/urandom | base64 > "$state/stream-signing-key"
    # Mutual TLS: a development authority, the silos' certificate and one for clients (the CLI, agent services).
    bash "$here/tls/make-dev-certs.sh" "$state/tls" cli > /dev/null
    dotnet build "$root/Silo/Orchestration.Silo.csproj" -c Release --nologo -v q
    for i in $(seq 0 $((n - 1))); do
      dotnet "$root/Silo/bin/Release/net10.0/Orchestration.Silo.dll" \
        --Orchestration:Profile=Azure --Orchestration:AzureStorage=UseDevelopmentStorage=true \
        --Orchestration:ClusterId="$cluster_id" --Orchestration:StreamSigningKey="$(cat "$state/stream-signing-key")" \
        --Orchestration:Tls:Certificate="$state/tls/silo.pfx" --Orchestration:Tls:Authority="$state/tls/ca.pem" \
        --Orchestration:SiloPort=$((11111 + i)) --Orchestration:GatewayPort=$((30000 + i)) \
        --Orchestration:HttpUrl=http://127.0.0.1:$((8080 + i)) --Studio:Walkthrough=false \
        > "$state/silo-$i.log" 2>&1 &
      echo $! > "$state/silo-$i.pid"
    done
    for i in $(seq 0 $((n - 1))); do
      for _ in $(seq 1 120); do
        if curl -fs "http://127.0.0.1:$((8080 + i))/health/ready" > /dev/null; then
          echo "silo $i ready: gateway 127.0.0.1:$((30000 + i)), http://127.0.0.1:$((8080 + i)) (pid $(cat "$state/silo-$i.pid"))"
          continue 2
        fi
        sleep 0.5
      done
      echo "silo $i not ready; see $state/silo-$i.log" >&2
      exit 1
    done
    echo "cli: orchestration --profile azure --connection UseDevelopmentStorage=true --cluster-id $cluster_id --tls-certificate $state/tls/cli.pfx --tls-authority $state/tls/ca.pem status"
    echo "clients: UseOrchestrationAzure(\"UseDevelopmentStorage=true\", \"$cluster_id\", OrchestrationTls.Load(\"$state/tls/cli.pfx\", null, \"$state/tls/ca.pem\"))"
    ;;
  stop)
    for pid in "$state"/silo-*.pid; do
      [ -f "$pid" ] || continue
      kill -TERM "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    done
    wait 2>/dev/null || true
    bash "$here/azurite/stop.sh"
    ;;
  *)
    echo "usage: $0 start [N] | stop" >&2
    exit 2
    ;;
esac
