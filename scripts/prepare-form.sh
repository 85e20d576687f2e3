#!/usr/bin/env bash
# Prepares static-form/ for hosting on its own origin (the Static Web App): the form's pages point at the API by
# its full URL, the hosting's security headers allow exactly that origin, embed.html may be framed only by the
# communities' sites given as EMBEDDING_ORIGIN (every other page by nobody), and browsers are told to stay on HTTPS.
# Usage: scripts/prepare-form.sh https://func-coc-xxxx.azurewebsites.net OUT_DIR [EMBEDDING_ORIGIN ...]
# azure.yaml runs it before azd deploys the "web" service, with the deployment's API_URL and FORM_FRAME_ANCESTORS.
# Runs with macOS's tools as well as GNU's: the rewriting is done by node (which the Static Web Apps CLI needs anyway),
# not by sed, whose -i and replacement escapes differ between the two.
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
scheme="${api_url%%://*}"
authority="${api_url#*://}"
origin="$scheme://${authority%%/*}"

# An origin is a scheme and a host (and port): a path or a wildcard would not mean what the deployer expects.
# An empty argument is no origin: PowerShell 7.3+ passes one for an empty FORM_FRAME_ANCESTORS split on spaces.
frame_ancestors=""
for embedding in "$@"; do
  embedding="${embedding%/}"
  [[ -z "$embedding" ]] && continue
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
# Not part of the site: the developer's notes, the example host page, and the headers' template (rewritten below).
rm -f "$out/README.md" "$out/demo-host.html" "$out/staticwebapp.config.template.json"

TEMPLATE="$repo_root/static-form/staticwebapp.config.template.json" API_URL="$api_url" API_ORIGIN="$origin" \
  FRAME_ANCESTORS="$frame_ancestors" OUT="$out" node - <<'JS'
const fs = require("fs");
const path = require("path");
const { TEMPLATE, API_URL, API_ORIGIN, FRAME_ANCESTORS, OUT } = process.env;

// Every "/api" in the pages is the API: the meta the component reads, and the no-JavaScript form's address.
for (const page of ["index.html", "embed.html"]) {
  const file = path.join(OUT, page);
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").split("/api").join(`${API_URL}/api`));
}

const config = JSON.parse(fs.readFileSync(TEMPLATE, "utf8"));
const csp = (config.globalHeaders ?? {})["Content-Security-Policy"];
if (!csp) {
  console.error("No Content-Security-Policy in static-form/staticwebapp.config.template.json");
  process.exit(1);
}
const policy = csp.split("__API_ORIGIN__").join(API_ORIGIN);
// Route headers override global ones of the same name (https://learn.microsoft.com/azure/static-web-apps/configuration),
// so only the embeddable page gets the communities' sites as frame ancestors.
const embedHeaders = { "Content-Security-Policy": `${policy}; frame-ancestors ${FRAME_ANCESTORS}` };
const prepared = {
  routes: [
    { route: "/embed.html", headers: embedHeaders },
    { route: "/embed", headers: embedHeaders },
  ],
  ...config,
  globalHeaders: {
    "Strict-Transport-Security": "max-age=31536000",
    ...config.globalHeaders,
    "Content-Security-Policy": `${policy}; frame-ancestors 'none'`,
  },
};
fs.writeFileSync(path.join(OUT, "staticwebapp.config.json"), JSON.stringify(prepared, null, 2) + "\n");
JS
echo "$out"
