#!/usr/bin/env bash
# Prepares static-form/ for hosting on its own origin (the Static Web App): the form's pages point at the API by
# its full URL, and the hosting's security headers allow exactly that origin.
# Usage: scripts/prepare-form.sh https://func-coc-xxxx.azurewebsites.net OUT_DIR
set -euo pipefail
api_url="${1%/}"
out="$2"
case "$api_url" in https://*|http://127.0.0.1*|http://localhost*) ;; *) echo "The API URL must be https://…" >&2; exit 2 ;; esac
origin="$(printf '%s' "$api_url" | sed -E 's|^(https?://[^/]+).*|\1|')"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$out" && mkdir -p "$out"
cp -R "$repo_root/static-form/." "$out/"
# Every "/api" in the pages is the API: the meta the component reads, and the no-JavaScript form's address.
sed -i "s|/api|$api_url/api|g" "$out/index.html" "$out/embed.html"
sed -i "s|__API_ORIGIN__|$origin|g" "$out/staticwebapp.config.json"
echo "$out"
