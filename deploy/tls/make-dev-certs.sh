#!/usr/bin/env bash
# A development certificate authority and the certificates a cluster on the Azure profile needs for mutual TLS.
#   deploy/tls/make-dev-certs.sh [DIR] [CLIENT...]    default DIR: deploy/tls/dev; default clients: cli
# Makes, in DIR: ca.pem + ca.key (the authority; keep the key offline in production), silo.pfx (every silo:
# orchestration-silo, server and client authentication) and <client>.pfx for each client (client authentication).
# The .pfx files have no password; set Orchestration:Tls:Password when yours do. Existing files are kept, so running
# it again only adds missing clients. Not for production: use your own authority there (docs/OPERATIONS.md).
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")" && pwd)/dev}"
shift || true
clients=("${@:-cli}")
mkdir -p "$dir"
cd "$dir"

if [ ! -f ca.key ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -sha256 \
    -subj "/CN=Orchestration development CA" -keyout ca.key -out ca.pem \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  chmod 600 ca.key
fi

issue() { # name, extended key usage
  local name="$1" eku="$2"
  [ -f "$name.pfx" ] && return
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$name" -keyout "$name.key" -out "$name.csr" 2>/dev/null
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 397 -sha256 -out "$name.pem" \
    -extfile <(printf "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=DNS:%s\n" "$eku" "$name") 2>/dev/null
  openssl pkcs12 -export -in "$name.pem" -inkey "$name.key" -out "$name.pfx" -passout pass: 2>/dev/null
  rm -f "$name.csr" "$name.key"
  chmod 600 "$name.pfx"
  echo "made $dir/$name.pfx"
}

issue orchestration-silo serverAuth,clientAuth
[ -f silo.pfx ] || cp orchestration-silo.pfx silo.pfx
for client in "${clients[@]}"; do issue "$client" clientAuth; done
echo "authority: $dir/ca.pem · silos: --Orchestration:Tls:Certificate=$dir/silo.pfx --Orchestration:Tls:Authority=$dir/ca.pem"
