# shellcheck shell=bash
# Common helpers of the local stack: messages, environment, paths, pid files, ports, waiting.
# Sourced by ./focushub; expects FOCUSHUB_ROOT to be set.

# ---- Messages ------------------------------------------------------------------------------

if [[ -t 1 ]]; then
  _c_bold=$'\e[1m' _c_red=$'\e[31m' _c_yellow=$'\e[33m' _c_green=$'\e[32m' _c_off=$'\e[0m'
else
  _c_bold='' _c_red='' _c_yellow='' _c_green='' _c_off=''
fi

step() { printf '%s==>%s %s\n' "$_c_bold" "$_c_off" "$*"; }
info() { printf '    %s\n' "$*"; }
ok() { printf '    %s✓%s %s\n' "$_c_green" "$_c_off" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_c_yellow" "$_c_off" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$_c_red" "$_c_off" "$*" >&2
  exit 1
}

# ---- Environment ---------------------------------------------------------------------------

env_file_names() {
  sed -n 's/^[[:space:]]*\(export[[:space:]]\{1,\}\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)=.*/\2/p' "$@"
}

# Defaults come from .env.example, overrides from .env; variables already in the caller's
# environment win over both, so `NGINX_PORT=8080 ./focushub up` does what it says.
load_env() {
  local files=("$FOCUSHUB_ROOT/.env.example") file name preset=() entry
  [[ -f "$FOCUSHUB_ROOT/.env" ]] && files+=("$FOCUSHUB_ROOT/.env")
  while read -r name; do
    [[ -v "$name" ]] && preset+=("$name=${!name}")
  done < <(env_file_names "${files[@]}")
  set -a
  for file in "${files[@]}"; do
    # shellcheck source=/dev/null
    source "$file"
  done
  set +a
  for entry in "${preset[@]}"; do
    export "${entry?}"
  done
  derive_paths
}

# The stack's folders and PATH, from the loaded environment.
derive_paths() {
  case "$FOCUSHUB_STATE_DIR" in
    /*) ;;
    *) FOCUSHUB_STATE_DIR="$FOCUSHUB_ROOT/$FOCUSHUB_STATE_DIR" ;;
  esac
  export FOCUSHUB_STATE_DIR
  STATE="$FOCUSHUB_STATE_DIR"
  LOG_DIR="$STATE/logs"
  RUN_DIR="$STATE/run"
  NODE_TOOL_BIN="$STATE/tools/node/node_modules/node/bin"
  # A Node 24 installed by `./focushub install` comes first for everything that follows.
  if [[ -x "$NODE_TOOL_BIN/node" ]]; then
    PATH="$NODE_TOOL_BIN:$PATH"
  fi
  case ":$PATH:" in
    *:/usr/sbin:*) ;;
    *) PATH="$PATH:/usr/sbin:/sbin" ;;
  esac
  export PATH
}

# The values the scripts compute with; the Node processes validate everything else themselves.
validate_env() {
  local name
  while read -r name; do
    [[ "${!name}" =~ ^[1-9][0-9]{0,4}$ ]] && ((${!name} < 65536)) ||
      die "$name must be a TCP port number (it is '${!name}')"
  done < <(env_file_names "$FOCUSHUB_ROOT/.env.example" | grep '_PORT$')
  [[ "$GATEWAY_REPLICA_PORTS" =~ ^[0-9]+(,[0-9]+)*$ ]] ||
    die "GATEWAY_REPLICA_PORTS must be a comma-separated list of ports (it is '$GATEWAY_REPLICA_PORTS')"
  while read -r name; do
    [[ "${!name}" =~ ^[1-9][0-9]?$ ]] || die "$name must be a number of processes from 1 to 99 (it is '${!name}')"
  done < <(env_file_names "$FOCUSHUB_ROOT/.env.example" | grep '_REPLICAS$')
  [[ "$SHUTDOWN_TIMEOUT_MS" =~ ^[0-9]+$ ]] ||
    die "SHUTDOWN_TIMEOUT_MS must be a number of milliseconds (it is '$SHUTDOWN_TIMEOUT_MS')"
}

ensure_state_dirs() {
  mkdir -p "$LOG_DIR" "$RUN_DIR"
}

lock_file() { printf '%s/focushub.lock' "$RUN_DIR"; }

# Serialises commands that start or stop things, so two `up`s cannot race. A pid file, not
# flock: an flock descriptor would be inherited, and the lock held, by every daemon we start.
take_stack_lock() {
  local file holder
  ensure_state_dirs
  file=$(lock_file)
  until (set -o noclobber && echo "$$" >"$file") 2>/dev/null; do
    holder=$(cat "$file" 2>/dev/null) || continue
    if [[ ! "$holder" =~ ^[0-9]+$ ]] || ! kill -0 "$holder" 2>/dev/null; then
      rm -f "$file"
      continue
    fi
    info "waiting for the ./focushub command running as pid $holder"
    sleep 1
  done
  trap release_stack_lock EXIT
}

release_stack_lock() {
  [[ "$(cat "$(lock_file)" 2>/dev/null)" == "$$" ]] && rm -f "$(lock_file)"
  return 0
}

is_root() { [[ $EUID -eq 0 ]]; }

have() { command -v "$1" >/dev/null 2>&1; }

# ---- Pid files -----------------------------------------------------------------------------

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# Prints the pid on the first line of <pid file> when that process is alive and its command
# line contains <pattern> (a recycled pid is not ours); fails otherwise.
running_pid() {
  local file=$1 pattern=$2 pid
  [[ -f "$file" ]] || return 1
  read -r pid <"$file" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$pattern"* ]] || return 1
  printf '%s' "$pid"
}



# Waits until <pid> has exited, up to <seconds>; fails when it is still alive.
wait_for_exit() {
  local pid=$1 seconds=$2 deadline
  deadline=$((SECONDS + seconds))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# SIGTERM, wait up to <seconds>, then SIGKILL. Signals the process group when <pid> leads one.
terminate() {
  local pid=$1 seconds=$2 target=$1
  [[ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" == "$pid" ]] && target="-$pid"
  kill -TERM -- "$target" 2>/dev/null || return 0
  wait_for_exit "$pid" "$seconds" && return 0
  warn "pid $pid did not stop within ${seconds}s; killing it"
  kill -KILL -- "$target" 2>/dev/null || true
  wait_for_exit "$pid" 5 || true
}

# ---- Ports ---------------------------------------------------------------------------------

port_listening() {
  [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

port_holder_pids() {
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

# Stops with a report when something that is not ours listens on <port>.
require_free_port() {
  local port=$1 component=$2
  port_listening "$port" || return 0
  printf '%serror:%s port %s, needed by %s, is taken by another process:\n' \
    "$_c_red" "$_c_off" "$port" "$component" >&2
  ss -ltnp "sport = :$port" >&2
  die "free port $port or choose another one in .env, then run ./focushub up again"
}


# ---- Logs ----------------------------------------------------------------------------------

log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

log_names() {
  local file
  for file in "$LOG_DIR"/*.log; do
    [[ -e "$file" ]] && basename "$file" .log
  done
  return 0
}

# Keeps the previous run's log as <name>.log.1.
rotate_log() {
  local file
  file=$(log_file "$1")
  if [[ -f "$file" ]]; then mv -f "$file" "$file.1"; fi
}

show_log_tail() {
  local file
  file=$(log_file "$1")
  [[ -f "$file" ]] || return 0
  printf -- '---- last 30 lines of %s ----\n' "$file" >&2
  tail -n 30 "$file" >&2
  printf -- '----\n' >&2
}

# ---- Misc ----------------------------------------------------------------------------------

# Percent-decodes a URL component.
url_decode() {
  printf '%b' "${1//%/\\x}"
}
