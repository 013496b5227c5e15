#!/usr/bin/env bash
# curl-based smoke test of the test authorization server, and a worked example of talking to it.
#   tests/oidc/smoke.sh BUILD_DIR
# Uses the server of BUILD_DIR/oidc-provider.port when one is running; otherwise starts one with
# start-server.sh and stops it again at the end. Needs bash, curl, base64 and node.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$1"
BUILD_DIR="$(cd "$1" && pwd)"
PORT_FILE="$BUILD_DIR/oidc-provider.port"
PID_FILE="$BUILD_DIR/oidc-provider.pid"

started_here=0
if [[ ! -s "$PORT_FILE" || ! -s "$PID_FILE" ]] || ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  "$SCRIPT_DIR/start-server.sh" "$BUILD_DIR"
  started_here=1
fi
cleanup() {
  if (( started_here )); then "$SCRIPT_DIR/stop-server.sh" "$BUILD_DIR"; fi
  rm -f "${TMP_HEADERS:-}"
}
trap cleanup EXIT

ISSUER="http://127.0.0.1:$(cat "$PORT_FILE")"
TOKEN_ENDPOINT="$ISSUER/token"
API="$ISSUER/api/hello"
TMP_HEADERS="$(mktemp)"

passed=0
failed=0
ok() { echo "ok   - $1"; passed=$((passed + 1)); }
not_ok() { echo "FAIL - $1"; shift; for line in "$@"; do echo "       $line"; done; failed=$((failed + 1)); }

# application/x-www-form-urlencoded encoding of one value (UTF-8 bytes; space -> '+'),
# as RFC 6749 §2.3.1 requires for client_id and client_secret before they go into Basic.
form_urlencode() {
  local LC_ALL=C s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9*._-]) out+="$c" ;;
      ' ') out+='+' ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  printf '%s' "$out"
}
basic_auth() { # client_id client_secret -> value of the Authorization header
  printf 'Basic %s' "$(printf '%s:%s' "$(form_urlencode "$1")" "$(form_urlencode "$2")" | base64 -w0)"
}
json() { # FIELD <<< JSON -> value ('' when missing)
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v;try{v=JSON.parse(s)[process.argv[1]]}catch{};process.stdout.write(v===undefined||v===null?"":String(v))})' "$1"
}

# request VAR METHOD URL [curl args...]: sets VAR_status, VAR_body; headers in $TMP_HEADERS
request() {
  local var="$1"; shift
  local method="$1"; shift
  local url="$1"; shift
  local out
  out="$(curl -sS -X "$method" -D "$TMP_HEADERS" -w '\n%{http_code}' "$@" "$url")"
  printf -v "${var}_status" '%s' "${out##*$'\n'}"
  printf -v "${var}_body" '%s' "${out%$'\n'*}"
}
header() { { grep -i "^$1:" "$TMP_HEADERS" || true; } | head -n1 | cut -d: -f2- | sed 's/^ *//; s/\r$//'; }

expect() { # NAME STATUS ERROR(or '') VAR
  local name="$1" want_status="$2" want_error="$3" var="$4"
  local status_var="${var}_status" body_var="${var}_body"
  local status="${!status_var}" body="${!body_var}" error
  error="$(json error <<<"$body")"
  if [[ "$status" == "$want_status" && "$error" == "$want_error" ]]; then
    ok "$name"
  else
    not_ok "$name" "expected HTTP $want_status error='$want_error', got HTTP $status" "body: $body"
  fi
}

echo "# issuer $ISSUER"

# --- discovery --------------------------------------------------------------------------------
request r GET "$ISSUER/.well-known/openid-configuration"
if [[ "$r_status" == 200 && "$(json token_endpoint <<<"$r_body")" == "$TOKEN_ENDPOINT" \
      && "$(json introspection_endpoint <<<"$r_body")" == "$ISSUER/token/introspection" ]]; then
  ok "discovery: token_endpoint $TOKEN_ENDPOINT, introspection_endpoint $ISSUER/token/introspection"
else
  not_ok "discovery" "HTTP $r_status" "body: $r_body"
fi

# --- client authentication --------------------------------------------------------------------
request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth basic-client basic-secret)" \
  -d grant_type=client_credentials -d 'scope=read write'
expect "basic-client with client_secret_basic -> 200" 200 '' r
OPAQUE_TOKEN="$(json access_token <<<"$r_body")"
[[ "$(json token_type <<<"$r_body")" == Bearer && "$(json scope <<<"$r_body")" == "read write" ]] \
  && ok "token_type Bearer, scope 'read write'" || not_ok "token_type/scope" "body: $r_body"

request r POST "$TOKEN_ENDPOINT" -d grant_type=client_credentials \
  -d client_id=post-client -d client_secret=post-secret
expect "post-client with client_secret_post -> 200" 200 '' r

request r POST "$TOKEN_ENDPOINT" -d grant_type=client_credentials \
  -d client_id=basic-client -d client_secret=basic-secret
expect "basic-client with client_secret_post -> 401 invalid_client" 401 invalid_client r
[[ "$(json error_description <<<"$r_body")" == *"method mismatch: expected client_secret_basic"* ]] \
  && ok "  error_description: $(json error_description <<<"$r_body")" \
  || not_ok "mismatch error_description" "body: $r_body"

request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth post-client post-secret)" \
  -d grant_type=client_credentials
expect "post-client with client_secret_basic -> 401 invalid_client" 401 invalid_client r
[[ "$(header WWW-Authenticate)" == Basic* ]] && ok "  with WWW-Authenticate: $(header WWW-Authenticate)" \
  || not_ok "WWW-Authenticate on Basic mismatch" "headers: $(cat "$TMP_HEADERS")"

request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth basic-client wrong-secret)" \
  -d grant_type=client_credentials
expect "wrong secret -> 401 invalid_client" 401 invalid_client r
[[ "$(header WWW-Authenticate)" == Basic* ]] && ok "  with WWW-Authenticate: $(header WWW-Authenticate)" \
  || not_ok "WWW-Authenticate on wrong secret" "headers: $(cat "$TMP_HEADERS")"

request r POST "$TOKEN_ENDPOINT" -d grant_type=client_credentials \
  -d client_id=post-client -d client_secret=wrong-secret
expect "wrong secret (post) -> 401 invalid_client" 401 invalid_client r

WEIRD_ID='weird:client id%+'
WEIRD_SECRET='s3cr:et%+ &/=?#~'
request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth "$WEIRD_ID" "$WEIRD_SECRET")" \
  -d grant_type=client_credentials
expect "weird client, Basic with form-urlencoded id:secret -> 200" 200 '' r

RAW_BASIC="Basic $(printf '%s:%s' "$WEIRD_ID" "$WEIRD_SECRET" | base64 -w0)"
request r POST "$TOKEN_ENDPOINT" -H "Authorization: $RAW_BASIC" -d grant_type=client_credentials
if [[ "$r_status" == 400 || "$r_status" == 401 ]]; then
  ok "weird client, Basic WITHOUT form-urlencoding -> $r_status $(json error <<<"$r_body")"
else
  not_ok "weird client without form-urlencoding must fail" "HTTP $r_status body: $r_body"
fi

# --- resource indicators ----------------------------------------------------------------------
request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth basic-client basic-secret)" \
  -d grant_type=client_credentials -d resource=https://api.example.test -d 'scope=read write'
expect "resource=https://api.example.test -> 200" 200 '' r
JWT_TOKEN="$(json access_token <<<"$r_body")"
IFS=. read -r -a parts <<<"$JWT_TOKEN"
if (( ${#parts[@]} == 3 )); then
  ok "  access token is a JWT (3 parts)"
else
  not_ok "access token for api.example.test is not a JWT" "token: $JWT_TOKEN"
fi

request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth basic-client basic-secret)" \
  -d grant_type=client_credentials -d resource=https://opaque.example.test -d scope=read
expect "resource=https://opaque.example.test -> 200 (opaque)" 200 '' r
OPAQUE_RS_TOKEN="$(json access_token <<<"$r_body")"

request r POST "$TOKEN_ENDPOINT" -H "Authorization: $(basic_auth basic-client basic-secret)" \
  -d grant_type=client_credentials -d resource=https://unknown.example
expect "resource=https://unknown.example -> 400 invalid_target" 400 invalid_target r

# --- introspection ----------------------------------------------------------------------------
request r POST "$ISSUER/token/introspection" -H "Authorization: $(basic_auth api-client api-secret)" \
  -d "token=$OPAQUE_TOKEN"
[[ "$r_status" == 200 && "$(json active <<<"$r_body")" == true ]] \
  && ok "introspection of an opaque token -> active" || not_ok "introspection" "HTTP $r_status body: $r_body"

# --- protected API ----------------------------------------------------------------------------
request r GET "$API"
www="$(header WWW-Authenticate)"
if [[ "$r_status" == 401 && "$www" == 'Bearer realm="oidc-test"' ]]; then
  ok "/api/hello without token -> 401, WWW-Authenticate: $www"
else
  not_ok "/api/hello without token" "HTTP $r_status WWW-Authenticate: $www" "body: $r_body"
fi

for t in OPAQUE_TOKEN OPAQUE_RS_TOKEN JWT_TOKEN; do
  request r GET "$API" -H "Authorization: Bearer ${!t}"
  if [[ "$r_status" == 200 && "$(json message <<<"$r_body")" == hello \
        && "$(json client_id <<<"$r_body")" == basic-client ]]; then
    ok "/api/hello with $t -> 200 $r_body"
  else
    not_ok "/api/hello with $t" "HTTP $r_status body: $r_body"
  fi
done

request r GET "$API" -H "Authorization: Bearer garbage-token"
www="$(header WWW-Authenticate)"
if [[ "$r_status" == 401 && "$www" == 'Bearer realm="oidc-test", error="invalid_token"'* ]]; then
  ok "/api/hello with garbage token -> 401, WWW-Authenticate: $www"
else
  not_ok "/api/hello with garbage token" "HTTP $r_status WWW-Authenticate: $www" "body: $r_body"
fi

# flip the first signature character (the last one may differ only in ignored padding bits)
sig="${parts[2]}"
[[ "${sig:0:1}" == A ]] && flipped="B${sig:1}" || flipped="A${sig:1}"
request r GET "$API" -H "Authorization: Bearer ${parts[0]}.${parts[1]}.$flipped"
www="$(header WWW-Authenticate)"
if [[ "$r_status" == 401 && "$www" == *'error="invalid_token"'* ]]; then
  ok "/api/hello with tampered JWT -> 401, WWW-Authenticate: $www"
else
  not_ok "/api/hello with tampered JWT" "HTTP $r_status WWW-Authenticate: $www" "body: $r_body"
fi

# --- revocation -------------------------------------------------------------------------------
request r POST "$ISSUER/token/revocation" -H "Authorization: $(basic_auth basic-client basic-secret)" \
  -d "token=$OPAQUE_TOKEN"
expect "revocation of the opaque token -> 200" 200 '' r
request r GET "$API" -H "Authorization: Bearer $OPAQUE_TOKEN"
if [[ "$r_status" == 401 && "$(header WWW-Authenticate)" == *'error="invalid_token"'* ]]; then
  ok "/api/hello with the revoked token -> 401 invalid_token"
else
  not_ok "/api/hello with the revoked token" "HTTP $r_status body: $r_body"
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
