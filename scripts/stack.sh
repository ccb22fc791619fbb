# shellcheck shell=bash
# The commands of ./focushub, built from the component scripts.

# Every port `up` needs, checked before anything starts, so a conflict leaves nothing half up.
check_ports() {
  local name
  postgres_running_pid >/dev/null || require_free_port "$POSTGRES_PORT" PostgreSQL
  redis_running_pid >/dev/null || require_free_port "$REDIS_PORT" Redis
  if ! kafka_running_pid >/dev/null; then
    require_free_port "$KAFKA_PORT" Kafka
    require_free_port "$KAFKA_CONTROLLER_PORT" "the Kafka controller"
  fi
  nginx_running_pid >/dev/null || require_free_port "$NGINX_PORT" NGINX
  if ! mail_running_pid >/dev/null; then
    require_free_port "$MAIL_CATCHER_SMTP_PORT" "the mail catcher (SMTP)"
    require_free_port "$MAIL_CATCHER_WEB_PORT" "the mail catcher (web)"
  fi
  while read -r name; do
    node_running_pid "$name" >/dev/null || require_free_port "${NODE_PORT[$name]}" "$name"
  done < <(node_processes)
}

infra_start() {
  postgres_start
  redis_start
  kafka_start
  mail_start
}

run_migrations() {
  step "Running database migrations (npm run migrate in every workspace that has it)"
  npm run migrate --workspaces --if-present --loglevel=error >"$(log_file migrate)" 2>&1 ||
    { show_log_tail migrate; die "migrations failed (full output: ./focushub logs migrate)"; }
  ok "migrations applied"
}

public_url() {
  if [[ "$NGINX_PORT" == 80 ]]; then echo "http://localhost"; else echo "http://localhost:$NGINX_PORT"; fi
}

endpoint_row() { printf '  %-21s %s\n' "$1" "$2"; }

print_endpoints() {
  local name health
  printf '\n%sFocusHub is up%s (%ss)\n' "$_c_bold" "$_c_off" "$1"
  endpoint_row NGINX "$(public_url)   <- the way in: the web app at /, the API at /api/v1"
  endpoint_row load-balancer "http://127.0.0.1:$LB_PORT"
  for name in "${NODE_GATEWAYS[@]}" "${NODE_SERVICES[@]}"; do
    endpoint_row "$name" "http://127.0.0.1:${NODE_PORT[$name]}"
  done
  endpoint_row PostgreSQL "127.0.0.1:$POSTGRES_PORT"
  endpoint_row Redis "redis://127.0.0.1:$REDIS_PORT"
  endpoint_row Kafka "127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT)"
  endpoint_row mail-catcher "smtp://127.0.0.1:$MAIL_CATCHER_SMTP_PORT, caught mail at $(mail_web_url)"
  # The services answered /health alone; the chain's first probes can still time out while the
  # consumers catch up on start, so give the edge a few seconds to report the whole chain up.
  local tries
  for tries in {1..15}; do
    health=$(curl -s --max-time 5 "$(public_url)/health") || health="(no answer)"
    [[ "$health" == '{"status":"up"'* ]] && break
    sleep 1
  done
  printf '\n$ curl -s %s/health\n%s\n' "$(public_url)" "$health"
}

cmd_install() {
  take_stack_lock
  ensure_installed
  ok "everything is installed"
}

cmd_up() {
  local started=$SECONDS
  take_stack_lock
  ensure_installed
  node_build
  web_build
  check_ports
  infra_start
  run_migrations
  node_start_all
  nginx_start
  print_endpoints "$((SECONDS - started))"
}

cmd_down() {
  take_stack_lock
  node_stop_all
  step "Stopping NGINX, the mail catcher, Kafka, Redis and PostgreSQL"
  nginx_stop
  mail_stop
  kafka_stop
  redis_stop
  postgres_stop
  ok "FocusHub is down; data kept in $STATE"
}

# With names, restarts only those Node processes (e.g. after changing one service), migrations first.
cmd_restart() {
  local name
  take_stack_lock
  ensure_installed
  for name; do [[ -v NODE_DIR[$name] ]] || die "no process named $name; there are: $(node_processes | tr '\n' ' ')"; done
  # Before anything stops: a build that fails leaves the running processes as they are.
  node_build "$@"
  if (($# == 0)); then
    node_stop_all
    node_start_all
    return
  fi
  run_migrations
  for name; do node_stop "$name"; done
  node_start_group "$@"
}

status_row() {
  local name=$1 pid=$2 port=$3 ready=${4:-}
  local state=stopped
  [[ -n "$pid" ]] && state=running
  printf '%-21s %-8s %-6s %-8s %s\n' "$name" "${pid:--}" "$port" "$state" "$ready"
}

cmd_status() {
  local name pid ready
  printf '%-21s %-8s %-6s %-8s %s\n' COMPONENT PID PORT STATE READY
  status_row postgres "$(postgres_running_pid)" "$POSTGRES_PORT"
  status_row redis "$(redis_running_pid)" "$REDIS_PORT"
  status_row kafka "$(kafka_running_pid)" "$KAFKA_PORT"
  status_row nginx "$(nginx_running_pid)" "$NGINX_PORT"
  status_row mail-catcher "$(mail_running_pid)" "$MAIL_CATCHER_SMTP_PORT"
  while read -r name; do
    pid=$(node_running_pid "$name") || pid=''
    ready=''
    [[ -n "$pid" ]] && ready="/ready $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 \
      "http://127.0.0.1:${NODE_PORT[$name]}/ready" || true)"
    status_row "$name" "$pid" "${NODE_PORT[$name]}" "$ready"
  done < <(node_processes)
}

cmd_logs() {
  local arg name='' follow=0 files lines=100
  for arg; do
    case "$arg" in
      -f | --follow) follow=1 ;;
      -*) die "unknown option $arg (usage: ./focushub logs [name] [-f])" ;;
      *) name=$arg ;;
    esac
  done
  if [[ -n "$name" ]]; then
    files=("$(log_file "$name")")
    [[ -f "${files[0]}" ]] || die "no log named $name; there are: $(log_names | tr '\n' ' ')"
  else
    files=("$LOG_DIR"/*.log)
    [[ -f "${files[0]}" ]] || die "no logs yet in $LOG_DIR"
    lines=20
  fi
  if ((follow)); then
    exec tail -n "$lines" -F "${files[@]}"
  fi
  exec tail -n "$lines" "${files[@]}"
}

cmd_migrate() {
  take_stack_lock
  ensure_installed
  postgres_start
  run_migrations
}

# Runs the suite against the current code: infrastructure up, Node processes restarted.
cmd_test() {
  export NODE_ENV=test
  # Every client of the suite reaches NGINX from 127.0.0.1, and test files run two at a time: at the
  # defaults' budgets per address (sign-ins, sign-ups, credential calls), one file's clients would
  # refuse another's. Each limit itself is tested at its own values (the services' integration tests).
  export RATE_LIMIT_AUTH_MAX=1000 LOGIN_IP_MAX_ATTEMPTS=1000 REGISTER_IP_MAX_ATTEMPTS=1000
  take_stack_lock
  ensure_installed
  node_build
  web_build
  check_ports
  infra_start
  nginx_start
  run_migrations
  node_stop_all
  node_start_all
  release_stack_lock
  step "Running npm test (NODE_ENV=test)"
  exec npm test
}

cmd_help() {
  cat <<EOF
Usage: ./focushub <command>

  up                install what is missing, build the Node processes (scripts/build.ts) and the
                    web app (web/), start PostgreSQL, Redis, Kafka, the mail catcher, the services,
                    the gateway replicas, the load balancer and NGINX; print where they listen
  down              stop everything (data is kept)
  restart [name…]   rebuild and restart the Node processes (or only those named, e.g. task-service)
  status            one line per component: pid, port, state, /ready answer
  logs [name] [-f]  show (or follow) one log, or the end of all of them
  install           Debian packages, Node 24, npm dependencies, the mail catcher, Kafka jars
                    (no-op when present)
  migrate           run every workspace's migrations (starts PostgreSQL if needed)
  test              bring the stack up, restart the Node processes, run npm test
  help              this text

Configuration: .env (defaults in .env.example). State, data and logs: $STATE
EOF
}
