#!/usr/bin/env bash
# Bad-input sweep: schemathesis generates requests from the merged OpenAPI document
# (GET /api/v1/openapi.json) against every route, through NGINX as a client would, with a fresh
# user's token. It fails on any 5xx and on any 4xx that is not problem+json (checks.py).
# Run on the running stack: bench/fuzz/sweep.sh   (FUZZ_EXAMPLES per operation, default 30; extra
# arguments go to `schemathesis run`, e.g. --include-path-regex '^/api/v1/habits')
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
base=${FUZZ_BASE_URL:-http://localhost}
examples=${FUZZ_EXAMPLES:-30}
venv=$root/.focushub/tools/schemathesis
if [[ ! -x $venv/bin/schemathesis ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet schemathesis==4.32.5
fi

# POSTs JSON through NGINX; on anything but 2xx prints the answer and stops.
post() {
  local answer status
  answer=$(curl -s -w '\n%{http_code}' -X POST "$base$1" -H 'content-type: application/json' -d "$2")
  status=${answer##*$'\n'}
  [[ $status == 2* ]] || { echo "POST $1 answered $status: ${answer%$'\n'*}" >&2; exit 1; }
  printf '%s' "${answer%$'\n'*}"
}
# A fresh user, or an existing one (FUZZ_EMAIL, FUZZ_PASSWORD) when sign-ups from this address are throttled.
email=${FUZZ_EMAIL:-"fuzz-$(date +%s)-$RANDOM@example.com"}
password=${FUZZ_PASSWORD:-'fuzzing is a fine sport'}
if [[ -z ${FUZZ_EMAIL:-} ]]; then
  post /api/v1/auth/register \
    "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Fuzz\",\"timezone\":\"Europe/Paris\"}" >/dev/null
fi
token=$(post /api/v1/auth/login "{\"email\":\"$email\",\"password\":\"$password\"}" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

mkdir -p "$root/.focushub/fuzz"
# schemathesis keeps its examples database in the working directory: out of the tree.
cd "$root/.focushub/fuzz"
# Credential routes are left out: their strict per-IP budget would turn the sweep into 429s.
# Streams (/events, /ws) never end by design. The rate limit is the gateway's default budget.
PYTHONPATH="$root/bench/fuzz" SCHEMATHESIS_HOOKS=checks exec "$venv/bin/schemathesis" run "$base/api/v1/openapi.json" \
  --url "$base" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,problem_json_for_client_errors \
  --exclude-path-regex '^/api/v1/(auth/(login|register|refresh|logout)|events|ws)$' \
  --max-examples "$examples" \
  --rate-limit '9/s' \
  --workers 2 \
  --report junit --report-junit-path "$root/.focushub/fuzz/junit.xml" \
  "$@"
