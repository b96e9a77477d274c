# The scenarios both benchmark scripts run, and the helpers they share. Sourced, not run.

# name | method | path | body | expected status
scenarios=(
  "plain|GET|/plain||200"
  "json|GET|/json||200"
  "read item|GET|/items/42?q=hello&limit=20||200"
  "read item 422 (path)|GET|/items/abc||422"
  "read item 422 (limit)|GET|/items/1?limit=0||422"
  "create item|POST|/items|{\"name\":\"Hammer\",\"price\":9.99,\"tags\":[\"tools\",\"hardware\"]}|201"
  "create item 422|POST|/items|{\"name\":\"\",\"price\":0,\"tags\":[]}|422"
  "dependency chain|GET|/me||200"
)
# BENCH_RATE_LIMIT=1 adds `/limit` and `/quiet` to both servers (and the client's address to
# every request of both): `plain` under a rate limit it never reaches, with and without its
# headers.
if [ "${BENCH_RATE_LIMIT:-}" = 1 ]; then
  scenarios+=("rate limited plain|GET|/limit||200")
  scenarios+=("quiet rate limited plain|GET|/quiet||200")
fi

# ONLY="dependency chain" (a label, or several separated by commas) runs just those.
if [ -n "${ONLY:-}" ]; then
  IFS=',' read -r -a wanted <<<"$ONLY"
  kept=()
  for s in "${scenarios[@]}"; do
    for w in "${wanted[@]}"; do
      [ "${s%%|*}" = "$w" ] && kept+=("$s")
    done
  done
  scenarios=("${kept[@]}")
fi

# Writes wrk's Lua script for a method and body to file $3 (every request carries the
# bearer token the dependency chain checks).
write_request() {
  local method=$1 body=$2 script=$3
  {
    echo "wrk.method = \"$method\""
    echo 'wrk.headers["Authorization"] = "Bearer secret"'
    if [ -n "$body" ]; then
      echo "wrk.body = '$body'"
      echo 'wrk.headers["Content-Type"] = "application/json"'
    fi
  } >"$script"
}

# Fails unless the request answers the expected status.
check_status() {
  local who=$1 label=$2 method=$3 url=$4 body=$5 expected=$6 status
  status=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" -H 'content-type: application/json' -H 'authorization: Bearer secret' ${body:+-d "$body"} "$url")
  if [ "$status" != "$expected" ]; then
    echo "$who $label: expected $expected, got $status" >&2
    exit 1
  fi
}
