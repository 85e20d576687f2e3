#!/usr/bin/env bash
# Prints intake latency (p50, p99) at 1 and 16 concurrent clients beside the same storage writes done directly with
# the Azure SDK, and the local host's memory growth while a report with four 25 MB files uploads; how many reports a
# second the engine announces; what a report costs (durable activities, replays, SMTP sends, history bytes, storage
# requests by service and kind, read from Azurite's access logs) when announced and over a whole life; and the
# storage requests of an idle host; then 2,000 open cases left waiting on their timers: the idle host's CPU, memory and
# storage requests over a minute, and how late a timer falling due among them fires.
# `./bench.sh intake` runs only the intake latency beside its floor (16 clients from one address and from 16 loopback
# addresses, and 16 on a second host that serves HTTP only, the engine elsewhere, as Flex Consumption places it) and
# the machine's load average: about a minute.
# `./bench.sh counts` runs only the counting (10 reports announced, one whole life): about two minutes, light on the CPU.
# `./bench.sh soak` instead files 1,000 reports with evidence from 32 clients and waits for every committee mail,
# printing answers by status, mails delivered of expected, and the host's memory over the run (about 10-20 minutes;
# SOAK_REPORTS=300 for a shorter one).
# `./bench.sh flood` queues 1,000 messages in smtp4dev's IMAP mailbox (700 from plus-variants of one address, 300 from
# as many domains), files one report through the form, watches the email door for 180 s (FLOOD_WATCH, FLOOD_MESSAGES)
# and prints what it did: imported, deferred, quarantined, answers sent, the committee's notices and how late the form
# report's were, and the elapsed time, with the door's default budgets. Starts its own
# Azurite, smtp4dev and local host (Release) on free loopback ports in a temporary folder, and removes it all at the
# end. Figures, not a test: targets are printed as PASS/MISS and the exit code is non-zero only when a step fails.
# A finished run writes its figures into its mode's block of docs/performance.md ("Latest figures").
set -euo pipefail
cd "$(dirname "$0")"
source scripts/services.sh

started_at=$SECONDS
run_dir="$(mktemp -d /tmp/coc-bench.XXXXXX)"
host_pid=""

finish() {
  local status=$?
  if [ -n "$host_pid" ]; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$run_dir/host.log" ]; then
    log "The local host's last log lines:"
    tail -n 30 "$run_dir/host.log" >&2
  fi
  stop_services
  rm -rf "$run_dir"
  log "bench.sh took $((SECONDS - started_at)) s"
}
trap finish EXIT
trap 'exit 130' INT TERM

ensure_node_tools
ensure_dotnet_tools

log "Building the local host and the benchmark (Release)"
for project in functions/CocReports.LocalHost tests/CocReports.Benchmarks; do
  dotnet build "$project" -c Release -v q -nologo >"$run_dir/build.log" 2>&1 || { cat "$run_dir/build.log" >&2; exit 1; }
done

blob=$(free_port); queue=$(free_port); table=$(free_port); web=$(free_port); smtp=$(free_port); http=$(free_port)
imap=""
mode_env=()
if [ "${1:-}" = flood ]; then
  # The conduct mailbox is smtp4dev's IMAP server, polled as ./run.sh does; only this mode polls, so the others'
  # figures (the idle host's storage requests) stay as they were.
  imap=$(free_port)
  mode_env=(MailIntake__Address=conduct@example.org MailIntake__ImapHost=127.0.0.1 MailIntake__ImapPort="$imap"
    MailIntake__ImapSecurity=None MailIntake__UserName=conduct MailIntake__Password=local
    MailIntake__OnlyAddressedToConduct=true MailIntake__PollEvery=00:00:05)
fi
log "Starting Azurite on $blob/$queue/$table and smtp4dev on $web (SMTP $smtp${imap:+, IMAP $imap})"
# One Azurite process per service, each writing its access log (one line per request): what the benchmark counts.
mkdir -p "$run_dir/azurite"
for service in blob queue table; do
  case $service in blob) port=$blob ;; queue) port=$queue ;; table) port=$table ;; esac
  node_modules/.bin/azurite-$service --${service}Host 127.0.0.1 --${service}Port "$port" --location "$run_dir/azurite" \
    --disableTelemetry --skipApiVersionCheck >"$run_dir/azurite/$service.log" 2>&1 &
  STARTED_PIDS+=($!)
  wait_for_port "$port" "Azurite $service"
done
start_smtp4dev "$run_dir/smtp4dev" "$web" "$smtp" "$imap"
storage="$(azurite_connection "$blob" "$queue" "$table")"

# Names of its own, so a benchmark never meets another run's task hub, tables or evidence.
name="bench$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
base_url="http://127.0.0.1:$http"
signing_key="$(head -c 32 /dev/urandom | base64)"
retention=30 # seconds: the whole-life count reaches the retention warning and the purge
log "Starting the local host on $base_url"
Storage__ConnectionString="$storage" \
Storage__TablePrefix="$name" \
Storage__EvidenceContainer="$name" \
Mail__Smtp__Port="$smtp" \
Mail__Smtp__Security=None \
Links__SigningKey="$signing_key" \
Links__PublicBaseUrl="$base_url" \
LocalHost__SidecarPort=0 \
LocalHost__TaskHubName="$name" \
LocalHost__MaxQueuePollingInterval=00:00:10 \
Workflow__RetentionPeriod=00:00:$retention \
Workflow__RetentionWarningBefore=00:00:15 \
RateLimits__Intake__PermitLimit=1000000 \
RateLimits__Status__PermitLimit=1000000 \
Logging__LogLevel__Default=Warning \
  env ${mode_env[@]+"${mode_env[@]}"} dotnet functions/CocReports.LocalHost/bin/Release/net10.0/CocReports.LocalHost.dll \
    --contentRoot "$PWD/functions/CocReports.LocalHost" --urls "$base_url" >"$run_dir/host.log" 2>&1 &
host_pid=$!

# A second host that serves HTTP only, on a task hub no engine runs: intake as Flex Consumption places it, on
# instances of its own with the workflows elsewhere (LocalHost:Workflows=false). Its starts are written and left.
apart_http=$(free_port)
Storage__ConnectionString="$storage" \
Storage__TablePrefix="$name" \
Storage__EvidenceContainer="$name" \
Links__SigningKey="$signing_key" \
Links__PublicBaseUrl="$base_url" \
LocalHost__SidecarPort=0 \
LocalHost__TaskHubName="${name}apart" \
LocalHost__WorkerId="${name}apart" \
LocalHost__Workflows=false \
RateLimits__Intake__PermitLimit=1000000 \
Logging__LogLevel__Default=Warning \
  dotnet functions/CocReports.LocalHost/bin/Release/net10.0/CocReports.LocalHost.dll \
    --contentRoot "$PWD/functions/CocReports.LocalHost" --urls "http://127.0.0.1:$apart_http" >"$run_dir/apart.log" 2>&1 &
STARTED_PIDS+=($!)

committee_answers() { # [port]
  (exec 3<>"/dev/tcp/127.0.0.1/${1:-$http}" \
    && printf 'GET /api/committee HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 \
    && head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null
}
for _ in $(seq 1 600); do
  committee_answers && break
  kill -0 "$host_pid" 2>/dev/null || { log "The local host exited before answering"; exit 1; }
  sleep 0.1
done
committee_answers || { log "The local host did not answer GET /api/committee within 60 s"; exit 1; }
for _ in $(seq 1 600); do
  committee_answers "$apart_http" && break
  sleep 0.1
done
committee_answers "$apart_http" || { log "The HTTP-only host did not answer GET /api/committee within 60 s"; tail -n 30 "$run_dir/apart.log" >&2; exit 1; }

mode="${1:-latency}"
log "Running the benchmark ($mode)"
dotnet tests/CocReports.Benchmarks/bin/Release/net10.0/CocReports.Benchmarks.dll \
  --base-url "$base_url" --apart-url "http://127.0.0.1:$apart_http" --storage "$storage" --host-pid "$host_pid" --mode "$mode" --smtp4dev "http://127.0.0.1:$web" \
  --azurite-logs "$run_dir/azurite" --task-hub "$name" --signing-key "$signing_key" --retention "$retention" --reports "${SOAK_REPORTS:-1000}" \
  --smtp-port "$smtp" --imap-port "${imap:-0}" --conduct conduct@example.org --messages "${FLOOD_MESSAGES:-1000}" --watch "${FLOOD_WATCH:-180}" \
  | tee "$run_dir/figures.txt"

# The latest figures live in docs/performance.md, written here rather than pasted, between this mode's markers; a run
# that failed never gets this far, so the block always holds a whole run.
record_figures() { # mode figures-file
  local begin="<!-- bench:$1 -->" end="<!-- /bench:$1 -->" page=docs/performance.md
  grep -qxF "$begin" "$page" && grep -qxF "$end" "$page" || { log "$page has no $begin block: figures not recorded"; return 0; }
  local about
  about="Written by \`./bench.sh${1:+ $1}\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  about+="${SOAK_REPORTS:+ (SOAK_REPORTS=$SOAK_REPORTS)}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  awk -v begin="$begin" -v end="$end" -v about="$about" -v figures="$2" '
    $0 == begin { print; print about; print ""; print "```text"; while ((getline line < figures) > 0) print line; print "```"; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$page" >"$run_dir/performance.md"
  cp "$run_dir/performance.md" "$page"
  log "Figures written to $page ($1); commit it to keep them"
}
record_figures "$mode" "$run_dir/figures.txt"
