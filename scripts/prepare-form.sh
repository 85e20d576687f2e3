#!/usr/bin/env bash
# Prepares static-form/ for hosting on its own origin (the Static Web App): the form's pages point at the API by
# its full URL, the hosting's security headers allow exactly that origin, embed.html may be framed only by the
# communities' sites given as EMBEDDING_ORIGIN (every other page by nobody), and browsers are told to stay on HTTPS.
# Usage: scripts/prepare-form.sh https://func-coc-xxxx.azurewebsites.net OUT_DIR [EMBEDDING_ORIGIN ...]
# azure.yaml runs it before azd packages the "web" service, with the deployment's API_URL and FORM_FRAME_ANCESTORS.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "Usage: $0 API_URL OUT_DIR [EMBEDDING_ORIGIN ...]" >&2
  exit 2
fi
api_url="${1%/}"
out="$2"
shift 2
local_http='http://(127\.0\.0\.1|localhost)(:[0-9]+)?'
case "$api_url" in https://*|http://127.0.0.1*|http://localhost*) ;; *) echo "The API URL must be https://…" >&2; exit 2 ;; esac
origin="$(printf '%s' "$api_url" | sed -E 's|^(https?://[^/]+).*|\1|')"

# An origin is a scheme and a host (and port): a path or a wildcard would not mean what the deployer expects.
frame_ancestors=""
for embedding in "$@"; do
  embedding="${embedding%/}"
  if [[ ! "$embedding" =~ ^(https://[A-Za-z0-9.-]+(:[0-9]+)?|$local_http)$ ]]; then
    echo "Embedding origin '$embedding' must be https://host[:port], without a path." >&2
    exit 2
  fi
  frame_ancestors+="${frame_ancestors:+ }$embedding"
done
frame_ancestors="${frame_ancestors:-'none'}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$out" && mkdir -p "$out"
cp -R "$repo_root/static-form/." "$out/"
# Every "/api" in the pages is the API: the meta the component reads, and the no-JavaScript form's address.
sed -i "s|/api|$api_url/api|g" "$out/index.html" "$out/embed.html"

config="$out/staticwebapp.config.json"
sed -i "s|__API_ORIGIN__|$origin|g" "$config"
csp="$(sed -n -E 's|^ *"Content-Security-Policy": "([^"]*)",?$|\1|p' "$config")"
if [[ -z "$csp" ]]; then
  echo "No Content-Security-Policy in static-form/staticwebapp.config.json" >&2
  exit 1
fi
# Route headers override global ones of the same name (https://learn.microsoft.com/azure/static-web-apps/configuration),
# so only the embeddable page gets the communities' sites as frame ancestors.
embed_headers="\"headers\": { \"Content-Security-Policy\": \"$csp; frame-ancestors $frame_ancestors\" }"
sed -i -E \
  -e "s|^( *\"Content-Security-Policy\": \")([^\"]*)\"|\1\2; frame-ancestors 'none'\"|" \
  -e "s|^( *)\"globalHeaders\": \\{|\1\"routes\": [\n\1  { \"route\": \"/embed.html\", $embed_headers },\n\1  { \"route\": \"/embed\", $embed_headers }\n\1],\n\1\"globalHeaders\": {\n\1  \"Strict-Transport-Security\": \"max-age=31536000\",|" \
  "$config"
echo "$out"
