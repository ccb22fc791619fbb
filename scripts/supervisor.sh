# shellcheck shell=bash
# supervisord (Debian's `supervisor`): every process of the stack is one of its programs, started
# when ./focushub asks and restarted by supervisord whenever it dies, with a growing pause between
# failed starts and a bound on them (README, "Processes and self-healing").
#
# The configuration ($RUN_DIR/supervisord.conf) is written from .env on every command that starts
# something. Each program runs `./focushub supervised <env file> <program> <replica>`, which loads the
# environment the last `up`, `restart` or `test` saw ($RUN_DIR/stack.env), sends its output to the
# process's log and execs the real command: supervisord watches the real process, and a process it
# restarts after a crash gets the same environment as the one it replaces.

# A process that exits sooner than this after its start has failed to start; failed starts in a row
# wait 1 s, 2 s, … before the next, and after SV_START_RETRIES of them the process is left FATAL.
SV_START_SECONDS=5
SV_START_RETRIES=5

sv_conf() { printf '%s/supervisord.conf' "$RUN_DIR"; }
sv_env_file() { printf '%s/stack.env' "$RUN_DIR"; }
sv_running_pid() { running_pid "$RUN_DIR/supervisord.pid" supervisord; }

sv_ctl() { supervisorctl -c "$(sv_conf)" "$@"; }

# The environment of this command, for the processes supervisord starts (declare -gx: sourced in a function).
sv_write_env() {
  local file
  file=$(sv_env_file)
  (umask 077 && export -p | sed 's/^declare -x \([A-Za-z_][A-Za-z0-9_]*=\)/declare -gx \1/' |
    grep -Ev '^declare -gx (OLDPWD|PWD|SHLVL|_)=' >"$file.new")
  mv -f "$file.new" "$file"
}

# [program:<name>] for <replicas> processes; the rest of the arguments are extra `key=value` lines.
sv_program() {
  local name=$1 replicas=$2 process_name='%(program_name)s-%(process_num)d'
  shift 2
  ((replicas == 0)) && process_name='%(program_name)s' replicas=1
  cat <<EOF

[program:$name]
command=$FOCUSHUB_ROOT/focushub supervised $(sv_env_file) $name %(process_num)d
process_name=$process_name
numprocs=$replicas
numprocs_start=1
directory=$FOCUSHUB_ROOT
autostart=false
autorestart=true
startsecs=$SV_START_SECONDS
startretries=$SV_START_RETRIES
stdout_logfile=NONE
redirect_stderr=true
EOF
  printf '%s\n' "$@"
}

sv_render_conf() {
  local file component
  file=$(sv_conf)
  {
    cat <<EOF
; Written by ./focushub from .env on every start; edits are overwritten.
[unix_http_server]
file=$RUN_DIR/supervisor.sock
chmod=0700

[supervisord]
logfile=$LOG_DIR/supervisord.log
logfile_maxbytes=10MB
logfile_backups=2
pidfile=$RUN_DIR/supervisord.pid
childlogdir=$LOG_DIR

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$RUN_DIR/supervisor.sock
EOF
    # Replica 0: one process named as its program. PostgreSQL and NGINX stop on their own fast, graceful
    # signals; their children are killed with them only when they must be (killasgroup).
    sv_program postgres 0 stopsignal=INT stopwaitsecs=60 killasgroup=true
    sv_program redis 0 stopwaitsecs=30
    sv_program kafka 0 stopwaitsecs=60
    sv_program mail-catcher 0 stopwaitsecs=10
    sv_program s3 0 stopwaitsecs=10
    sv_program prometheus 0 stopwaitsecs=30
    sv_program jaeger 0 stopwaitsecs=15
    sv_program nginx 0 stopsignal=QUIT stopwaitsecs=15 killasgroup=true
    sv_program nginx-spans 0 stopwaitsecs=15
    for component in "${NODE_COMPONENTS[@]}"; do
      sv_program "$component" "${NODE_REPLICAS[$component]}" "stopwaitsecs=$(node_shutdown_timeout_s)"
    done
  } >"$file.new"
  if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv -f "$file.new" "$file"; fi
  # What Prometheus scrapes follows the processes this configuration runs.
  node_write_metrics_targets
}

# supervisord up with the current configuration: started when it is not running (with no environment
# of its own: each program loads stack.env), told to apply a changed configuration when it is.
sv_ensure() {
  local pid deadline
  sv_write_env
  sv_render_conf
  if pid=$(sv_running_pid); then
    sv_ctl update >/dev/null || die "supervisord (pid $pid) refused its new configuration $(sv_conf)"
    return 0
  fi
  rm -f "$RUN_DIR/supervisor.sock"
  env -i PATH="$PATH" HOME="${HOME:-/root}" LANG=C.UTF-8 supervisord -c "$(sv_conf)" ||
    { show_log_tail supervisord; die "supervisord did not start"; }
  deadline=$((SECONDS + 10))
  until sv_ctl pid >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { show_log_tail supervisord; die "supervisord did not answer within 10s"; }
    sleep 0.1
  done
  ok "supervisord started (pid $(sv_running_pid))"
}

# Full name of a process: <program>:<program>-<n> for the Node components, the program's own otherwise.
sv_full_name() {
  local component
  component=$(node_component "$1")
  if [[ -v NODE_DIR[$component] ]]; then printf '%s:%s' "$component" "$1"; else printf '%s' "$1"; fi
}

# The pid of a running process (empty output and status 1 when it is not running, or with no supervisord).
sv_pid() {
  local pid
  sv_running_pid >/dev/null || return 1
  pid=$(sv_ctl pid "$(sv_full_name "$1")" 2>/dev/null) || true
  [[ "$pid" =~ ^[1-9][0-9]*$ ]] || return 1
  printf '%s' "$pid"
}

# RUNNING, STARTING, BACKOFF, FATAL, EXITED, STOPPED… (UNKNOWN without supervisord).
sv_state() {
  local line
  sv_running_pid >/dev/null || { echo UNKNOWN; return 0; }
  line=$(sv_ctl status "$(sv_full_name "$1")" 2>/dev/null) || true
  read -r _ line _ <<<"$line"
  printf '%s' "${line:-UNKNOWN}"
}

# Asks supervisord to start processes and returns at once; the caller waits for what it needs.
# One supervisorctl each: one given several names starts them one after the other, waiting
# SV_START_SECONDS for each.
sv_start() {
  local name
  for name; do (sv_ctl start "$(sv_full_name "$name")" >/dev/null 2>&1 &); done
}

# Stops processes (each drained within its stopwaitsecs), all at once.
sv_stop() {
  local name
  sv_running_pid >/dev/null || return 0
  for name; do sv_ctl stop "$(sv_full_name "$name")" >/dev/null 2>&1 & done
  wait
}

# Polls `<check…>` until it succeeds; fails when supervisord gave up on <process> (FATAL) or after
# <seconds>, showing the log's tail.
sv_wait() {
  local name=$1 seconds=$2 deadline tick=0 state
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@"; do
    if ((++tick % 4 == 0)); then
      state=$(sv_state "$name")
      if [[ "$state" == FATAL ]]; then
        warn "$name is $state: $(sv_last_exit "$name")"
        show_log_tail "$name"
        return 1
      fi
    fi
    if ((SECONDS >= deadline)); then
      warn "$name was not ready within ${seconds}s"
      show_log_tail "$name"
      return 1
    fi
    sleep 0.25
  done
}

# What supervisord last logged about a process's exit, e.g. `exited: task-service-1 (exit status 1; not
# expected)`, and its giving up on it.
sv_last_exit() {
  local lines
  lines=$(cat "$LOG_DIR"/supervisord.log.2 "$LOG_DIR"/supervisord.log.1 "$LOG_DIR/supervisord.log" 2>/dev/null |
    grep -E "(exited|gave up): $1 " | tail -n 2) || true
  printf '%s' "${lines:-no exit recorded}"
}

# Every process still running, then supervisord itself.
sv_shutdown() {
  local pid
  pid=$(sv_running_pid) || return 0
  sv_ctl shutdown >/dev/null 2>&1 || true
  wait_for_exit "$pid" 120 || terminate "$pid" 5
  ok "supervisord stopped (was pid $pid)"
}

# `./focushub supervised <env file> <program> <replica>`: what each program of supervisord.conf runs.
# Never returns: the process execs its real command, output appended to its log.
supervised_exec() {
  local env_file=$1 program=$2 replica=$3 name
  # shellcheck source=/dev/null
  source "$env_file"
  derive_paths
  define_node_processes
  name=$program
  [[ -v NODE_DIR[$program] ]] && name="$program-$replica"
  exec >>"$(log_file "$name")" 2>&1
  case "$program" in
    postgres) postgres_exec ;;
    redis) redis_exec ;;
    kafka) kafka_exec ;;
    mail-catcher) mail_exec ;;
    s3) s3_exec ;;
    prometheus) prometheus_exec ;;
    jaeger) jaeger_exec ;;
    nginx) nginx_exec ;;
    nginx-spans) nginx_spans_exec ;;
    *) node_exec "$program" "$replica" ;;
  esac
  die "no program named $program"
}
