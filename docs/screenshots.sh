#!/usr/bin/env bash
# Writes the flow report of every example and a screenshot of each into docs/ (docs/walkthroughs.md: "Reports").
# Needs Chromium (Debian: apt-get install chromium). Run from anywhere: docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
[ -n "$chromium" ] || { echo "Chromium not found: install it (Debian: apt-get install chromium) or set CHROMIUM" >&2; exit 1; }
dotnet build src/ConstraintTools.PowerShell -v quiet -nologo >/dev/null
dotnet tool restore >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
host() { dotnet pwsh -NoLogo -NoProfile -NonInteractive -Command "Import-Module ./out/ConstraintTools; $1"; }
for yaml in examples/*.yaml; do
  name=$(basename "$yaml" .yaml)
  if [ "$name" = delivery-log ]; then
    host "\$w = Import-Workflow $yaml; \$w | Export-FlowReport '$out/$name.html' -Log (Import-WorkItemLog examples/delivery-log.csv) -Simulation (\$w | Invoke-FlowSimulation -Duration 26w -Summary)"
  else
    host "Import-Workflow $yaml | Export-FlowReport '$out/$name.html'"
  fi
  height=1500
  [ "$name" = delivery-log ] && height=2650
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1100,$height --screenshot="docs/$name.png" "file://$out/$name.html" 2>/dev/null
  echo "docs/$name.png"
done
