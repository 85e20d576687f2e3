#!/usr/bin/env bash
# Runs the product locally: Azurite (storage), smtp4dev (the committee's inbox), and the local host that serves the
# form, the API and the durable workflow on http://127.0.0.1:7071. Ctrl+C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh
trap stop_services EXIT INT TERM

ensure_node_tools
ensure_dotnet_tools

data=.data
mkdir -p "$data"
# The action-link signing key: made once, kept with the local data so links in old emails keep working.
[ -s "$data/signing-key" ] || head -c 32 /dev/urandom | base64 > "$data/signing-key"

log "Starting Azurite (data in $data/azurite)"
start_azurite "$data/azurite" 10000 10001 10002
log "Starting smtp4dev"
start_smtp4dev "$data/smtp4dev" 5005 2525 1143

log "Building the local host"
dotnet build functions/CocReports.LocalHost -c Debug -v q -nologo >&2

cat >&2 <<TXT

  Report form       http://127.0.0.1:7071/
  API               http://127.0.0.1:7071/api
  Committee inbox   http://127.0.0.1:5005/   (alex@, sam@, kim@example.org; escalations to board@example.org)
  Report by email   send to conduct@example.org through SMTP 127.0.0.1:2525; polled over IMAP 127.0.0.1:1143

TXT
Links__SigningKey="$(cat "$data/signing-key")" \
  dotnet functions/CocReports.LocalHost/bin/Debug/net10.0/CocReports.LocalHost.dll --contentRoot "$PWD/functions/CocReports.LocalHost" &
STARTED_PIDS+=($!)
wait "${STARTED_PIDS[-1]}"
