#!/usr/bin/env bash
# Runs the Bicep CLI fetched from NuGet (no other download source is reachable on these machines).
# Usage: scripts/bicep.sh build infra/main.bicep --outfile infra/azuredeploy.json
# Always add --no-restore yourself to build/lint: a restore reaches for the public module registry.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="0.49.2"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [[ ! -f "$bicep" ]]; then
  dotnet restore "$repo_root/tests/tools/bicep/bicep.proj" >&2
fi
# NuGet does not keep the execute bit of files inside packages.
[[ -x "$bicep" ]] || chmod +x "$bicep"

exec "$bicep" "$@"
