#!/usr/bin/env bash
# Fails on high or critical advisories in production dependencies, except those accepted in
# .ci/audit-accepted.txt (advisory URLs, each recorded with its reason in SECURITY.md).
# The registry mirror this machine reaches has no advisory endpoint (it answers 405); then the
# check says so and passes, rather than pretending to have looked.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)
status=$?
if [ "$status" -eq 0 ]; then
  echo "audit: no high or critical advisories in production dependencies"
elif grep -q '"vulnerabilities"' <<<"$out"; then
  node .ci/audit-verdict.mjs .ci/audit-accepted.txt <<<"$out"
else
  echo "audit: advisory endpoint unavailable here ($(grep -o '"statusCode": [0-9]*' <<<"$out" || echo 'no answer')); not checked"
fi
