#!/usr/bin/env bash
# Checks a deployment from the outside, the way a reporter's browser and the community's site will reach it:
# the form page and its security headers, form-config, the committee list (names, never addresses), the CORS
# preflight of POST /api/reports from the embedding site (allowed) and from any other site (refused), and, given the
# form's own site, the headers the Static Web App serves its pages with.
# Prints one line per check and exits non-zero when any check fails. Needs only bash, curl and POSIX tools.
#
# Usage: scripts/smoke-test.sh [--file-test-report] [--form-site URL] [--resource-group RG] <api-base-url> [embedding-origin]
#   api-base-url      https://func-coc-xxxx.azurewebsites.net (the app, without /api)
#   embedding-origin  https://community.example.org, the site that embeds the form (skips the CORS checks if absent)
#   --form-site URL   the form's own site (azd env get-value FORM_URL): checks its pages' CSP and HSTS
#   --resource-group RG  with your az login, checks that the five alert rules exist and are enabled
#   --file-test-report  also files one anonymous report, marked as a smoke test in its text, and prints its reference;
#                       the committee receives it like any other report and can resolve it at once.
set -uo pipefail

file_report=false
form_site=""
resource_group=""
args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --file-test-report) file_report=true ;;
    --form-site) form_site="${2:-}"; shift ;;
    --resource-group) resource_group="${2:-}"; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "Unknown option $1" >&2; exit 2 ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ "${#args[@]}" -lt 1 ] || [ "${#args[@]}" -gt 2 ]; then
  echo "Usage: $0 [--file-test-report] [--form-site URL] [--resource-group RG] <api-base-url> [embedding-origin]" >&2
  exit 2
fi
form_site="${form_site%/}"
base="${args[0]%/}"
origin="${args[1]:-}"
origin="${origin%/}"
# Any origin that is certainly not the community's: .invalid never resolves (RFC 6761).
stranger="https://smoke-test.invalid"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

pass() { printf 'ok    %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; failures=$((failures + 1)); }
skip() { printf 'skip  %s\n' "$1"; }

# request NAME CURL_ARGS... : body in $work/NAME.body, headers (lower-case names, no CR) in $work/NAME.headers,
# status in $status. A connection failure leaves status 000.
request() {
  local name="$1"
  shift
  status="$(curl -sS --max-time 30 -o "$work/$name.body" -D "$work/$name.raw" -w '%{http_code}' "$@" 2>"$work/$name.err")" || status="000"
  # awk, not GNU sed's \L: macOS's sed has no case conversion.
  tr -d '\r' <"$work/$name.raw" 2>/dev/null | awk '{
    i = index($0, ":")
    if (i == 0) { print; next }
    value = substr($0, i + 1)
    sub(/^[ \t]+/, "", value)
    print tolower(substr($0, 1, i - 1)) ": " value
  }' >"$work/$name.headers" || true
}

# header NAME HEADER : the value of the last such header (a redirect leaves earlier blocks above it).
header() {
  grep -i "^$2: " "$work/$1.headers" | tail -n 1 | cut -d' ' -f2-
}

# --- The form page a reporter opens without JavaScript ----------------------------------------------------------
request form "$base/api/report-form"
if [ "$status" = "200" ] && header form content-type | grep -qi '^text/html'; then
  pass "form page: GET /api/report-form answers 200 text/html"
else
  fail "form page: GET /api/report-form answered $status $(header form content-type) $(head -c 200 "$work/form.err" 2>/dev/null)"
fi

csp="$(header form content-security-policy)"
if [ -n "$csp" ] && printf '%s' "$csp" | grep -q "default-src" && printf '%s' "$csp" | grep -q "frame-ancestors"; then
  pass "form page: Content-Security-Policy sets default-src and frame-ancestors"
else
  fail "form page: Content-Security-Policy is missing or lacks default-src/frame-ancestors: '${csp}'"
fi

if [ "$(header form x-content-type-options | tr 'A-Z' 'a-z')" = "nosniff" ]; then
  pass "form page: X-Content-Type-Options is nosniff"
else
  fail "form page: X-Content-Type-Options is '$(header form x-content-type-options)', not nosniff"
fi

# Pages carry link tokens and reports; no other site may learn their address.
if [ "$(header form referrer-policy | tr 'A-Z' 'a-z')" = "no-referrer" ]; then
  pass "form page: Referrer-Policy is no-referrer"
else
  fail "form page: Referrer-Policy is '$(header form referrer-policy)', not no-referrer"
fi

if header form cache-control | grep -qi 'no-store'; then
  pass "form page: Cache-Control has no-store"
else
  fail "form page: Cache-Control is '$(header form cache-control)', without no-store"
fi

# --- What the embedded form reads before it shows anything --------------------------------------------------------
request config "$base/api/form-config"
if [ "$status" = "200" ] && grep -q '"maxReportBytes"' "$work/config.body" && grep -q '"allowedTypes"' "$work/config.body"; then
  pass "form-config: GET /api/form-config answers 200 with the upload limits"
else
  fail "form-config: GET /api/form-config answered $status: $(head -c 200 "$work/config.body" 2>/dev/null)"
fi

request committee "$base/api/committee"
if [ "$status" = "200" ] && grep -q '"name"' "$work/committee.body"; then
  pass "committee: GET /api/committee lists $(grep -o '"name"' "$work/committee.body" | wc -l | tr -d ' ') member name(s)"
else
  fail "committee: GET /api/committee answered $status with no member names (is the committee configured?)"
fi
# A reporter may exclude a member; the list must never tell anyone how to reach them.
if [ "$status" = "200" ] && ! grep -q '@' "$work/committee.body"; then
  pass "committee: the list contains no email address"
else
  fail "committee: the list contains an '@' (an address?) or could not be read"
fi

# --- CORS: the community's site may post reports, no other site may ---------------------------------------------
preflight() {
  request "$1" -X OPTIONS "$base/api/reports" \
    -H "Origin: $2" \
    -H "Access-Control-Request-Method: POST" \
    -H "Access-Control-Request-Headers: content-type,idempotency-key"
}

if [ -z "$origin" ]; then
  skip "CORS: no embedding origin given; pass the community site's origin to check the preflight"
else
  preflight allowed "$origin"
  allowed_origin="$(header allowed access-control-allow-origin)"
  allowed_headers="$(header allowed access-control-allow-headers | tr 'A-Z' 'a-z')"
  allowed_methods="$(header allowed access-control-allow-methods | tr 'A-Z' 'a-z')"
  if [ "$allowed_origin" = "$origin" ] || [ "$allowed_origin" = "*" ]; then
    pass "CORS: the preflight of POST /api/reports from $origin is allowed"
  else
    fail "CORS: the preflight from $origin was not allowed (status $status, Access-Control-Allow-Origin '${allowed_origin}')"
  fi
  if printf '%s' "$allowed_headers" | grep -Eq '(^|[ ,])(idempotency-key|\*)($|[ ,])'; then
    pass "CORS: the Idempotency-Key header may be sent"
  else
    fail "CORS: Idempotency-Key is not among the allowed headers ('${allowed_headers}'): retries would double reports"
  fi
  if printf '%s' "$allowed_methods" | grep -Eq '(^|[ ,])(post|\*)($|[ ,])'; then
    pass "CORS: POST is an allowed method"
  else
    fail "CORS: POST is not among the allowed methods ('${allowed_methods}')"
  fi

  preflight stranger "$stranger"
  stranger_origin="$(header stranger access-control-allow-origin)"
  if [ -z "$stranger_origin" ]; then
    pass "CORS: the preflight from another site ($stranger) is refused"
  else
    fail "CORS: another site ($stranger) is allowed too (Access-Control-Allow-Origin '${stranger_origin}')"
  fi
fi

# --- The form's own site (the Static Web App): the headers come from the prepared staticwebapp.config.json ---------
if [ -z "$form_site" ]; then
  skip "form site: no --form-site given; pass \"\$(azd env get-value FORM_URL)\" to check its pages' headers"
else
  api_origin="${base%%://*}://$(printf '%s' "${base#*://}" | cut -d/ -f1)"
  expected_ancestors="${origin:-'none'}"
  for page in / /embed.html; do
    name="site$(printf '%s' "$page" | tr -c 'A-Za-z0-9' '_')"
    request "$name" "$form_site$page"
    page_csp="$(header "$name" content-security-policy)"
    # Directives are separated by ";"; one per line makes each checkable on its own.
    directives="$(printf '%s' "$page_csp" | tr ';' '\n' | awk '{ sub(/^ +/, ""); print }')"
    if [ "$status" != "200" ]; then
      fail "form site: GET $page answered $status"
      continue
    fi
    # The pages call the API from the browser: without its origin in connect-src every submission is blocked.
    if printf '%s\n' "$directives" | grep -Eq "^connect-src (.* )?$api_origin( |\$)"; then
      pass "form site $page: connect-src allows the API ($api_origin)"
    else
      fail "form site $page: connect-src does not allow the API ($api_origin): '${page_csp}'"
    fi
    ancestors="$(printf '%s\n' "$directives" | grep '^frame-ancestors ' | cut -d' ' -f2-)"
    if [ "$page" = "/embed.html" ]; then want="$expected_ancestors"; else want="'none'"; fi
    if [ -n "$ancestors" ] && printf ' %s ' "$ancestors" | grep -qF " $want "; then
      pass "form site $page: frame-ancestors is $ancestors"
    else
      fail "form site $page: frame-ancestors is '${ancestors}', expected it to include $want"
    fi
    if header "$name" strict-transport-security | grep -Eq 'max-age=[1-9][0-9]*'; then
      pass "form site $page: Strict-Transport-Security is set"
    else
      fail "form site $page: no Strict-Transport-Security header"
    fi
  done
  # Only the site is published, not the developer's notes or the example host page.
  for stray in /README.md /demo-host.html; do
    request stray "$form_site$stray"
    if [ "$status" = "404" ]; then
      pass "form site: $stray is not published"
    else
      fail "form site: $stray answered $status; only the form's pages should be published"
    fi
  done
fi

# --- The alert rules (infra/modules/alerts.bicep): Azure Monitor disables a rule whose query keeps failing -------------
if [ -z "$resource_group" ]; then
  skip "alert rules: no --resource-group given; pass it (with az logged in) to check the rules are enabled"
elif ! command -v az >/dev/null 2>&1; then
  skip "alert rules: az is not installed, so the rules could not be checked"
else
  # https://learn.microsoft.com/cli/azure/monitor/scheduled-query; `enabled` read flattened or under properties.
  if rules="$(az monitor scheduled-query list --resource-group "$resource_group" \
      --query "[].[name, to_string(enabled), to_string(properties.enabled)]" -o tsv 2>"$work/az.err")"; then
    for rule in workflow-failed mail-failed mail-quarantined mail-not-delivered server-errors; do
      row="$(printf '%s\n' "$rules" | awk -v suffix="-$rule" '{ n = length($1) - length(suffix) } n >= 0 && substr($1, n + 1) == suffix')"
      if [ -z "$row" ]; then
        fail "alert rules: no rule ending in -$rule in $resource_group"
      elif printf '%s\n' "$row" | awk '$2 == "true" || $3 == "true" { found = 1 } END { exit !found }'; then
        pass "alert rules: $rule exists and is enabled"
      else
        fail "alert rules: $rule is disabled (Azure Monitor disables a rule whose query failed for a week)"
      fi
    done
  else
    fail "alert rules: az monitor scheduled-query list failed: $(head -c 200 "$work/az.err")"
  fi
fi

# --- Optionally, one report end to end ------------------------------------------------------------------------------
if [ "$file_report" = true ]; then
  key="$(cat /proc/sys/kernel/random/uuid 2>/dev/null || date +%s%N)"
  request report -X POST "$base/api/reports" \
    -H "Content-Type: application/json" \
    -H "Accept: application/json" \
    -H "Idempotency-Key: $key" \
    ${origin:+-H "Origin: $origin"} \
    --data '{"contactChoice":"anonymous","description":"SMOKE TEST: filed by scripts/smoke-test.sh after a deployment to check that reports arrive. Not a real report; resolve it without action."}'
  reference="$(grep -o '"reference" *: *"[^"]*"' "$work/report.body" | sed -E 's/.*"([^"]*)"$/\1/')"
  if [ "$status" = "202" ] && [ -n "$reference" ]; then
    pass "test report: filed as $reference (marked SMOKE TEST); the committee should receive it now"
  else
    fail "test report: POST /api/reports answered $status: $(head -c 300 "$work/report.body" 2>/dev/null)"
  fi
fi

# What no request from outside can show; check these by hand after the first deployment (infra/README.md).
printf 'left  %s\n' \
  "that the committee's inbox received the test report (with --file-test-report) and its links open" \
  "that the workflow's timers fire (an unacknowledged test report reminds the committee at its deadline)" \
  "that Durable tracking events and ACS delivery status reach the workspace (Logs: AppTraces, ACSEmailStatusUpdateOperational)"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed against $base"
  exit 1
fi
echo "All checks passed against $base"
