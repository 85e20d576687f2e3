#!/usr/bin/env bash
# Exports a committee's records for safekeeping: every table of the app (reports, timelines, audit; all tables named
# Coc*) as JSON, and the evidence blobs, from the deployment's records storage account, signed in as yourself.
# The account refuses shared keys, so everything goes through your Azure login (--auth-mode login); you need
# Storage Table Data Reader and Storage Blob Data Reader on the account (infra/README.md, "Backing up the records").
#
# Usage: scripts/export-records.sh [OUT_DIR]
#   The account is RECORDS_STORAGE_ACCOUNT from the environment, or from `azd env get-value RECORDS_STORAGE_ACCOUNT`.
#   OUT_DIR defaults to coc-records-<UTC timestamp>. It will hold confidential reports: keep it encrypted.
# Needs: az (signed in with `az login`), jq.
set -euo pipefail

for tool in az jq; do
  command -v "$tool" >/dev/null || { echo "$tool is required." >&2; exit 2; }
done

account="${RECORDS_STORAGE_ACCOUNT:-}"
if [[ -z "$account" ]] && command -v azd >/dev/null; then
  account="$(azd env get-value RECORDS_STORAGE_ACCOUNT 2>/dev/null || true)"
fi
if [[ -z "$account" ]]; then
  echo "Set RECORDS_STORAGE_ACCOUNT (the azd output of the same name)." >&2
  exit 2
fi

out="${1:-coc-records-$(date -u +%Y%m%dT%H%M%SZ)}"
table_prefix="${TABLE_PREFIX:-Coc}"
evidence_container="${EVIDENCE_CONTAINER:-evidence}"
mkdir -p "$out/tables" "$out/evidence"
# Only the owner may read what is about to be written.
chmod 700 "$out"

tables="$(az storage table list --account-name "$account" --auth-mode login \
  --query "[?starts_with(name, '$table_prefix')].name" --output tsv)"
if [[ -z "$tables" ]]; then
  echo "No table named $table_prefix* in $account: is this the records account?" >&2
  exit 1
fi

for table in $tables; do
  pages="$(mktemp -d)"
  page=0
  marker=()
  # A query returns at most 1,000 entities; nextMarker carries on from there.
  while :; do
    az storage entity query --account-name "$account" --auth-mode login --table-name "$table" \
      --num-results 1000 ${marker[@]+"${marker[@]}"} --output json > "$pages/$page.json"
    next_partition="$(jq -r '.nextMarker.nextpartitionkey // empty' "$pages/$page.json")"
    next_row="$(jq -r '.nextMarker.nextrowkey // empty' "$pages/$page.json")"
    page=$((page + 1))
    [[ -n "$next_partition" ]] || break
    marker=(--marker "nextpartitionkey=$next_partition" "nextrowkey=$next_row")
  done
  jq -s '[.[].items[]]' "$pages"/*.json > "$out/tables/$table.json"
  rm -rf "$pages"
  echo "$table: $(jq length "$out/tables/$table.json") entities"
done

az storage blob download-batch --account-name "$account" --auth-mode login \
  --source "$evidence_container" --destination "$out/evidence" --output none
echo "evidence: $(find "$out/evidence" -type f | wc -l | tr -d ' ') files"
echo "Exported to $out"
