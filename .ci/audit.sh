#!/usr/bin/env bash
# Fails on high or critical advisories in production dependencies. The registry mirror this
# machine reaches has no advisory endpoint (it answers 405); then the check says so and passes,
# rather than pretending to have looked. A finding without a fix is recorded in SECURITY.md.
set -uo pipefail
out=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)
status=$?
if [ "$status" -eq 0 ]; then
  echo "audit: no high or critical advisories in production dependencies"
elif grep -q '"vulnerabilities"' <<<"$out"; then
  echo "$out" | node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));for(const [n,v] of Object.entries(r.vulnerabilities)) if(["high","critical"].includes(v.severity)) console.error(`audit: ${v.severity} ${n} ${v.range}`)'
  exit 1
else
  echo "audit: advisory endpoint unavailable here ($(grep -o '"statusCode": [0-9]*' <<<"$out" || echo 'no answer')); not checked"
fi
