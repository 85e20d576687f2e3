# Sourced by run.sh and test.sh: installs and starts the real parts the product talks to locally.
# Everything binds to 127.0.0.1 and is stopped by stop_services (run on exit).

STARTED_PIDS=()

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

free_port() {
  # Ask the kernel for a free loopback port.
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for_port() { # port name
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "$2 did not start on port $1"; return 1
}

ensure_node_tools() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
    log "Installing Azurite and axe-core from npm"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

ensure_dotnet_tools() {
  log "Restoring .NET local tools (smtp4dev)"
  dotnet tool restore >/dev/null
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    log "Installing Debian's chromium for the browser tests"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
  fi
}

start_azurite() { # data-dir blob-port queue-port table-port
  mkdir -p "$1"
  node_modules/.bin/azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$2" --queuePort "$3" --tablePort "$4" --location "$1" \
    --disableTelemetry --skipApiVersionCheck --silent >"$1/azurite.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_for_port "$2" Azurite && wait_for_port "$3" Azurite && wait_for_port "$4" Azurite
}

azurite_connection() { # blob-port queue-port table-port
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$2/devstoreaccount1;TableEndpoint=http://127.0.0.1:$3/devstoreaccount1;"
}

# smtp4dev refuses recipients at @refused.test (550 at RCPT TO), as a real server refuses an address that doesn't
# exist: the tests prove one refused recipient holds back no one else's mail. It keeps far more than its default of
# 100 messages and sessions, so "this member received nothing" is read from the whole run's mail, never a truncated
# inbox, and a refusal from a session log that is still there.
SMTP4DEV_KEEP=100000
# With an IMAP port it also serves its mailbox over IMAP (any login works): the conduct mailbox the app polls.
start_smtp4dev() { # data-dir web-port smtp-port [imap-port]
  mkdir -p "$1"
  ServerOptions__RecipientValidationExpression='!String(recipient).toLowerCase().endsWith("@refused.test")' \
  dotnet smtp4dev --messagestokeep="$SMTP4DEV_KEEP" --sessionstokeep="$SMTP4DEV_KEEP" --urls="http://127.0.0.1:$2" --smtpport="$3" --imapport="${4:-}" --pop3port= --db= \
    --bindaddress=127.0.0.1 --disableipv6 --nousersettings --baseappdatapath="$1" >"$1/smtp4dev.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_for_port "$2" smtp4dev && wait_for_port "$3" smtp4dev
  if [ -n "${4:-}" ]; then wait_for_port "$4" "smtp4dev IMAP"; fi
}

stop_services() {
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
