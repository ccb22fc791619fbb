# shellcheck shell=bash
# The commands of ./focushub, built from the component scripts.

# Every port `up` needs, checked before anything starts, so a conflict leaves nothing half up. A
# port shared by replicas is free enough when one of them runs.
check_ports() {
  local name port
  declare -A running=()
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
  s3_running_pid >/dev/null || require_free_port "$S3_PORT" "the S3 server (versitygw)"
  prometheus_running_pid >/dev/null || require_free_port "$PROMETHEUS_PORT" Prometheus
  if ! jaeger_running_pid >/dev/null; then
    require_free_port "$JAEGER_OTLP_HTTP_PORT" "Jaeger (OTLP over HTTP)"
    require_free_port "$JAEGER_OTLP_GRPC_PORT" "Jaeger (OTLP over gRPC)"
    require_free_port "$JAEGER_UI_PORT" "Jaeger (query API and UI)"
    require_free_port "$JAEGER_QUERY_GRPC_PORT" "Jaeger (query API over gRPC)"
  fi
  while read -r name; do
    sv_pid "$name" >/dev/null && running[$(node_port "$name")]=1
  done < <(node_processes)
  while read -r name; do
    port=$(node_port "$name")
    [[ -v running[$port] ]] || require_free_port "$port" "$name"
  done < <(node_processes)
  for ((port = LB_ADMIN_PORT; port < LB_ADMIN_PORT + LB_REPLICAS; port++)); do
    sv_pid "load-balancer-$((port - LB_ADMIN_PORT + 1))" >/dev/null || require_free_port "$port" "the balancer's admin listener"
  done
}

infra_start() {
  postgres_start
  redis_start
  kafka_start
  mail_start
  s3_start
  prometheus_start
  # Before the Node processes, whose exporters send to it from their start.
  jaeger_start
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
  while read -r name; do
    endpoint_row "$name" "http://127.0.0.1:$(node_port "$name")"
  done < <(node_processes gateway "${NODE_SERVICES[@]}")
  endpoint_row PostgreSQL "127.0.0.1:$POSTGRES_PORT"
  endpoint_row Redis "redis://127.0.0.1:$REDIS_PORT"
  endpoint_row Kafka "127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT)"
  endpoint_row mail-catcher "smtp://127.0.0.1:$MAIL_CATCHER_SMTP_PORT, caught mail at $(mail_web_url)"
  endpoint_row s3 "$(s3_url), bucket $S3_BUCKET (public: $(public_url)/storage/)"
  endpoint_row prometheus "$(prometheus_url)   <- metrics and alerts of every process"
  endpoint_row jaeger "$(jaeger_url)   <- traces"
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
  sv_ensure
  infra_start
  run_migrations
  node_start_all
  nginx_start
  print_endpoints "$((SECONDS - started))"
}

# NGINX first, the Node processes all at once, then what they use, supervisord last.
cmd_down() {
  take_stack_lock
  if sv_running_pid >/dev/null; then
    step "Stopping NGINX"
    sv_stop nginx
    node_stop_all
    step "Stopping Prometheus, Jaeger, the S3 server, the mail catcher, Kafka, Redis and PostgreSQL"
    sv_stop prometheus jaeger s3 mail-catcher kafka redis
    sv_stop postgres
    sv_shutdown
  fi
  ok "FocusHub is down; data kept in $STATE"
}

# Replaces the Node processes (all, or the named components or processes) with overlap, so that no
# request is refused (scripts/services.sh, node_replace); migrations first.
cmd_restart() {
  local name components=()
  take_stack_lock
  ensure_installed
  for name; do
    node_known "$name" || die "no component or process named $name; there are: ${NODE_COMPONENTS[*]} $(node_processes | tr '\n' ' ')"
    [[ -v NODE_DIR[$name] ]] && components+=("$name") || components+=("$(node_component "$name")")
  done
  (($#)) || set -- "${NODE_COMPONENTS[@]}"
  # Before anything stops: a build that fails leaves the running processes as they are.
  node_build "${components[@]}"
  sv_running_pid >/dev/null || die "the stack is not up (./focushub up starts it)"
  sv_ensure
  run_migrations
  step "Replacing $*, one replica at a time"
  node_replace_all "$@"
}

# One line per process, from supervisord's status; a process that is not running says why:
# supervisord's last word on its exit and the end of its log.
cmd_status() {
  local name full state pid uptime port ready lines
  declare -A port_of=([postgres]=$POSTGRES_PORT [redis]=$REDIS_PORT [kafka]=$KAFKA_PORT
    [mail-catcher]=$MAIL_CATCHER_SMTP_PORT [s3]=$S3_PORT [prometheus]=$PROMETHEUS_PORT [jaeger]=$JAEGER_UI_PORT [nginx]=$NGINX_PORT
    [nginx-spans]=$NGINX_SPANS_PORT)
  sv_running_pid >/dev/null || die "the stack is not up (supervisord is not running; ./focushub up starts it)"
  printf '%-22s %-9s %-8s %-6s %-10s %s\n' PROCESS STATE PID PORT UPTIME READY
  mapfile -t lines < <(sv_ctl status)
  for full in "${lines[@]}"; do
    read -r name state _ pid _ uptime <<<"$full"
    name=${name#*:} pid=${pid%,} ready=''
    [[ "$state" == RUNNING ]] || pid='-' uptime='-'
    if [[ -v port_of[$name] ]]; then port=${port_of[$name]}; else port=$(node_port "$name"); fi
    # A shared port answers for any of its replicas; /ready tells what that one sees.
    [[ "$state" == RUNNING && ! -v port_of[$name] ]] &&
      ready="/ready $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$port/ready" || true)"
    printf '%-22s %-9s %-8s %-6s %-10s %s\n' "$name" "$state" "$pid" "$port" "$uptime" "$ready"
    case "$state" in
      RUNNING | STOPPED) ;;
      *)
        sv_last_exit "$name" | sed 's/^/    /'
        echo
        [[ -f "$(log_file "$name")" ]] && tail -n 5 "$(log_file "$name")" | sed 's/^/    | /'
        ;;
    esac
  done
}

# supervisorctl on the stack's supervisord, e.g. `./focushub ctl pid task-service:task-service-1`.
cmd_ctl() {
  sv_running_pid >/dev/null || die "the stack is not up (supervisord is not running; ./focushub up starts it)"
  exec supervisorctl -c "$(sv_conf)" "$@"
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
  if [[ -n "$name" && -f "$(log_file "$name")" ]]; then
    files=("$(log_file "$name")")
  elif [[ -n "$name" ]]; then
    # A component: the logs of all its replicas.
    files=("$LOG_DIR/$name"-[0-9]*.log)
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
  sv_ensure
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
  sv_ensure
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
                    web app (web/), start PostgreSQL, Redis, Kafka, the mail catcher, the S3 server
                    (and its bucket), Prometheus, Jaeger, the services, the gateway replicas, the
                    load balancer and NGINX; print where they listen
  down              stop everything (data is kept)
  restart [name…]   rebuild the Node processes and replace them one replica at a time, with overlap
                    (all, or the components or processes named: task-service, task-service-2, gateway)
  status            one line per process: supervisord's state, pid, port, uptime, /ready answer; for
                    a process that is not running, why (its last exit and the end of its log)
  logs [name] [-f]  show (or follow) one log (a process, or every replica of a component), or the
                    end of all of them
  ctl <args…>       supervisorctl on the stack's supervisord (e.g. ctl status, ctl pid redis)
  install           Debian packages (Prometheus among them), Node 24, npm dependencies, the mail
                    catcher, the S3 server, Kafka jars, Jaeger (no-op when present)
  migrate           run every workspace's migrations (starts PostgreSQL if needed)
  test              bring the stack up, restart the Node processes, run npm test
  help              this text

Configuration: .env (defaults in .env.example). State, data and logs: $STATE
EOF
}
