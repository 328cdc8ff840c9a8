# shellcheck shell=bash
# Helpers shared by scripts/demo and scripts/test for running against the local
# Cognito stand-in (moto in server mode): the Python venv it lives in, starting
# moto and the gateway, and stopping everything again. Sourced, never run; the
# callers own `set -euo pipefail` and install the cleanup trap:
#
#   trap local_cognito_cleanup EXIT
#   trap 'exit 130' INT
#   trap 'exit 143' TERM
#
# (INT and TERM only exit, so that the EXIT trap runs the cleanup exactly once and
# the script really stops instead of carrying on after the handler.)

REPO=${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
VENV=$REPO/.venv
VENV_PY=$VENV/bin/python
LOCAL_COGNITO_DIR=$REPO/tests/local-cognito
# Under target/ so that logs are git-ignored and go away with `cargo clean`.
LOCAL_COGNITO_LOGS=$REPO/target/local-cognito

# Whatever these scripts start talks only to moto. Fixed dummy credentials mean
# that real ones from the caller's environment are never picked up, let alone sent.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE

# PIDs to stop on exit, in start order.
LOCAL_COGNITO_PIDS=()

die() {
  printf '%s: error: %s\n' "${0##*/}" "$*" >&2
  exit 1
}

note() {
  printf '==> %s\n' "$*" >&2
}

# require_tools TOOL...: curl and jq are not on every fresh machine; CI runs as
# root with Debian's apt, so install them there rather than fail.
require_tools() {
  local missing=() tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    note "installing ${missing[*]} with apt-get"
    mkdir -p "$LOCAL_COGNITO_LOGS"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
      >"$LOCAL_COGNITO_LOGS/apt.log" 2>&1; then
      tail -n 20 "$LOCAL_COGNITO_LOGS/apt.log" >&2
      die "could not install ${missing[*]}"
    fi
  else
    die "missing ${missing[*]}: please install (e.g. apt-get install ${missing[*]})"
  fi
}

# ensure_venv: the venv is not committed, so every fresh clone builds it here.
# pip only runs when requirements.txt changed since the last successful install,
# which keeps repeated runs fast and offline.
ensure_venv() {
  local req=$LOCAL_COGNITO_DIR/requirements.txt
  local stamp=$VENV/.local-cognito-requirements.sha256
  local log=$LOCAL_COGNITO_LOGS/pip-install.log
  local want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  mkdir -p "$LOCAL_COGNITO_LOGS"

  # A venv whose interpreter no longer runs (e.g. python3 was upgraded under it)
  # is as good as missing.
  if ! "$VENV_PY" -c '' >/dev/null 2>&1; then
    command -v python3 >/dev/null 2>&1 || die "python3 is needed for the local Cognito stand-in"
    if ! python3 -m venv --clear "$VENV" >"$log" 2>&1; then
      cat "$log" >&2
      die "could not create $VENV (on Debian: apt-get install python3-venv)"
    fi
    rm -f "$stamp"
  fi

  if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
    return 0
  fi
  if ! PIP_NO_INPUT=1 "$VENV_PY" -m pip install --disable-pip-version-check -q -r "$req" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "pip install -r ${req#"$REPO"/} failed (full log: ${log#"$REPO"/})"
  fi
  printf '%s\n' "$want" >"$stamp"
}

# free_port: asks the kernel for an unused loopback port. Another process could
# take it before we bind it, but on a test machine that race is rare enough.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_is_free PORT [HOST]: binds the way servers do (SO_REUSEADDR), so a port
# lingering in TIME_WAIT counts as free and only a live listener as busy.
port_is_free() {
  python3 - "$1" "${2:-127.0.0.1}" <<'PY'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((sys.argv[2], int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

# stop_pid PID: TERM first so servers can shut down cleanly, KILL if one hangs.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# local_cognito_cleanup: stops everything started through these helpers, newest
# first (the gateway before the moto it talks to). Safe to call more than once.
local_cognito_cleanup() {
  local status=$? i
  for ((i = ${#LOCAL_COGNITO_PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${LOCAL_COGNITO_PIDS[i]}"
  done
  LOCAL_COGNITO_PIDS=()
  # 130 and 143 are Ctrl-C and TERM (see the traps above): a stop, not a failure.
  if ((status != 0 && status != 130 && status != 143)) && [[ -d $LOCAL_COGNITO_LOGS ]]; then
    printf '%s: failed (exit %d); logs are in %s/\n' "${0##*/}" "$status" "${LOCAL_COGNITO_LOGS#"$REPO"/}" >&2
  fi
  return "$status"
}

# wait_for_http URL PID LOG SECONDS: polls until URL answers 2xx, failing early
# (with the log's tail) if the server process has died instead. LOG may be empty
# for a process whose output goes to the terminal.
wait_for_http() {
  local url=$1 pid=$2 log=$3 seconds=$4 i
  local where="its output is above"
  [[ -n $log ]] && where="log: ${log#"$REPO"/}"
  for ((i = 0; i < seconds * 10; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      [[ -n $log ]] && tail -n 30 "$log" >&2
      die "process $pid exited before $url answered ($where)"
    fi
    sleep 0.1
  done
  [[ -n $log ]] && tail -n 30 "$log" >&2
  die "$url did not answer within ${seconds}s ($where)"
}

# start_moto [PORT]: starts moto's server on loopback (a free port unless one is
# given) and exports LOCAL_COGNITO_ENDPOINT and MOTO_PID. TOTP checking is off in
# moto by default; with it on, moto verifies codes against one fixed secret that
# every user shares.
start_moto() {
  local port=${1:-} log=$LOCAL_COGNITO_LOGS/moto.log
  if [[ -z $port ]]; then
    port=$(free_port)
  elif ! port_is_free "$port"; then
    die "port $port on 127.0.0.1 is already in use (set LOCAL_COGNITO_PORT to use another)"
  fi
  mkdir -p "$LOCAL_COGNITO_LOGS"
  MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true \
    "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  MOTO_PID=$!
  LOCAL_COGNITO_PIDS+=("$MOTO_PID")
  wait_for_http "http://127.0.0.1:$port/moto-api/" "$MOTO_PID" "$log" 30
  export MOTO_PID LOCAL_COGNITO_ENDPOINT=http://127.0.0.1:$port
}

# bootstrap_pool [bootstrap.py options]: creates a user pool, app client and demo
# user in moto and exports COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID.
bootstrap_pool() {
  local out line
  out=$("$VENV_PY" "$LOCAL_COGNITO_DIR/bootstrap.py" --endpoint "$LOCAL_COGNITO_ENDPOINT" "$@")
  # Take only the two expected assignments rather than eval'ing whatever came out.
  while IFS= read -r line; do
    case $line in
      COGNITO_USER_POOL_ID=* | COGNITO_CLIENT_ID=*)
        [[ ${line#*=} =~ ^[A-Za-z0-9_-]+$ ]] || die "unexpected value from bootstrap.py: $line"
        export "${line?}"
        ;;
      *) die "unexpected output from bootstrap.py: $line" ;;
    esac
  done <<<"$out"
  [[ -n ${COGNITO_USER_POOL_ID:-} && -n ${COGNITO_CLIENT_ID:-} ]] ||
    die "bootstrap.py did not print COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID"
}

# start_gateway BINARY ADDR [LOG]: runs the gateway against the pool from
# bootstrap_pool and waits for /healthz; exports GATEWAY_PID. Without LOG its
# output goes to the terminal, which is what the demo wants.
start_gateway() {
  local bin=$1 addr=$2 log=${3:-}
  [[ -x $bin ]] || die "gateway binary $bin not found (cargo build --workspace --all-targets)"
  local env=(
    COGNITO_USER_POOL_ID="$COGNITO_USER_POOL_ID"
    COGNITO_CLIENT_ID="$COGNITO_CLIENT_ID"
    COGNITO_ENDPOINT_URL="$LOCAL_COGNITO_ENDPOINT"
    AWS_REGION=us-east-1
    GATEWAY_ADDR="$addr"
    TOTP_ISSUER="MFA Gateway Demo"
    RUST_LOG="${RUST_LOG:-info}"
  )
  if [[ -n $log ]]; then
    env "${env[@]}" "$bin" >"$log" 2>&1 &
  else
    env "${env[@]}" "$bin" &
  fi
  GATEWAY_PID=$!
  LOCAL_COGNITO_PIDS+=("$GATEWAY_PID")
  export GATEWAY_PID
  wait_for_http "http://$addr/healthz" "$GATEWAY_PID" "$log" 30
}
