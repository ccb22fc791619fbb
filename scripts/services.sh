# shellcheck shell=bash
# The Node processes: six services, the gateway replicas and the load balancer.
# Each runs its build, `node <dir>/dist/server.js`, from the repository root: one JavaScript file made by
# scripts/build.ts from `<dir>/src/server.ts` (which `node` also runs as it is, for development), rebuilt
# before a start whenever a source changed. Without Node's type stripper and the modules no process
# uses, and with NODE_PROCESS_FLAGS, a process stays near 100 MB (docs/performance.md, "Memory").

NODE_START_TIMEOUT_S=60

declare -A NODE_DIR NODE_PORT
NODE_SERVICES=() NODE_GATEWAYS=() NODE_BALANCER=()

define_node_processes() {
  local name port ports i=0
  for name in auth task focus habit notification social; do
    NODE_SERVICES+=("$name-service")
    NODE_DIR[$name-service]=$name-service
  done
  NODE_PORT[auth-service]=$AUTH_SERVICE_PORT
  NODE_PORT[task-service]=$TASK_SERVICE_PORT
  NODE_PORT[focus-service]=$FOCUS_SERVICE_PORT
  NODE_PORT[habit-service]=$HABIT_SERVICE_PORT
  NODE_PORT[notification-service]=$NOTIFICATION_SERVICE_PORT
  NODE_PORT[social-service]=$SOCIAL_SERVICE_PORT
  IFS=, read -ra ports <<<"$GATEWAY_REPLICA_PORTS"
  for port in "${ports[@]}"; do
    name="gateway-$((++i))"
    NODE_GATEWAYS+=("$name")
    NODE_DIR[$name]=gateway
    NODE_PORT[$name]=$port
  done
  NODE_BALANCER=(load-balancer)
  NODE_DIR[load-balancer]=load-balancer
  NODE_PORT[load-balancer]=$LB_PORT
}

node_processes() { printf '%s\n' "${NODE_SERVICES[@]}" "${NODE_GATEWAYS[@]}" "${NODE_BALANCER[@]}"; }

node_entry() { printf '%s/dist/server.js' "${NODE_DIR[$1]:-gateway}"; }

# The build's entry, or the sources' for a process started by an earlier version of these scripts.
node_running_pid() {
  running_pid "$(pid_file "$1")" "$(node_entry "$1")" ||
    running_pid "$(pid_file "$1")" "${NODE_DIR[$1]:-gateway}/src/server.ts"
}

# Bundles the named processes' workspaces (all with no names) where a source changed since the last build.
node_build() {
  local name names=("$@") dirs=()
  (($#)) || mapfile -t names < <(node_processes)
  for name in "${names[@]}"; do dirs+=("${NODE_DIR[$name]}"); done
  mapfile -t dirs < <(printf '%s\n' "${dirs[@]}" | sort -u)
  step "Building the Node processes (node scripts/build.ts)"
  node scripts/build.ts "${dirs[@]}" >"$(log_file build)" 2>&1 ||
    { show_log_tail build; die "the build failed (full output: ./focushub logs build)"; }
  ok "$(tail -n 1 "$(log_file build)")"
}

# V8 flags of every process (NODE_PROCESS_FLAGS), and a diagnostic report on SIGURG (which a process
# without the flag ignores): its JavaScript heap figures are what bench/soak reads. MALLOC_ARENA_MAX
# (in node_launch): glibc's default of one malloc arena per thread, up to 8 per core, keeps ~4 MB more.
node_flags() {
  printf '%s --report-on-signal --report-signal=SIGURG --report-exclude-env --report-compact --report-directory=%s' \
    "${NODE_PROCESS_FLAGS-}" "$STATE/reports"
}

node_launch() {
  local name=$1 dir=${NODE_DIR[$1]} port=${NODE_PORT[$1]} log pid flags argv=(env MALLOC_ARENA_MAX=2)
  if pid=$(node_running_pid "$name"); then
    ok "$name already running (pid $pid)"
    return 0
  fi
  require_free_port "$port" "$name"
  [[ -f "$(node_entry "$name")" ]] || die "$name: $(node_entry "$name") does not exist (node scripts/build.ts builds it)"
  log=$(log_file "$name")
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  mkdir -p "$STATE/reports"
  [[ "$dir" == gateway ]] && argv+=(GATEWAY_PORT="$port")
  read -ra flags <<<"$(node_flags)"
  pid=$(spawn "$name" "${argv[@]}" node "${flags[@]}" "$(node_entry "$name")")
  info "$name starting (pid $pid, port $port)"
}

# Polls GET /health until it answers 200; on death or timeout shows the log's tail and fails.
node_wait_healthy() {
  local name=$1 port=${NODE_PORT[$1]} pid code deadline
  pid=$(<"$(pid_file "$name")")
  deadline=$((SECONDS + NODE_START_TIMEOUT_S))
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health") || true
    if [[ "$code" == 200 ]]; then
      ok "$name healthy on :$port (pid $pid)"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      warn "$name (pid $pid) exited before answering GET /health"
      break
    fi
    if ((SECONDS >= deadline)); then
      warn "$name did not answer GET http://127.0.0.1:$port/health with 200 within ${NODE_START_TIMEOUT_S}s (last: $code); stopping it"
      terminate "$pid" 5
      break
    fi
    sleep 0.25
  done
  rm -f "$(pid_file "$name")"
  show_log_tail "$name"
  return 1
}

# Launches a group of processes together, then waits for every one to be healthy.
node_start_group() {
  local name failed=()
  for name; do node_launch "$name"; done
  for name; do node_wait_healthy "$name" || failed+=("$name"); done
  ((${#failed[@]} == 0)) || die "did not start: ${failed[*]} (logs: ./focushub logs <name>)"
}

# The balancer reads its own list; a replica missing from it would get no traffic.
node_check_balancer_upstreams() {
  local name port
  for name in "${NODE_GATEWAYS[@]}"; do
    port=${NODE_PORT[$name]}
    [[ ",$LB_UPSTREAMS," =~ :$port[/,] ]] ||
      warn "LB_UPSTREAMS ($LB_UPSTREAMS) does not list $name (port $port): it will get no traffic"
  done
}

node_start_all() {
  node_check_balancer_upstreams
  step "Starting the services"
  node_start_group "${NODE_SERVICES[@]}"
  step "Starting the gateway replicas"
  node_start_group "${NODE_GATEWAYS[@]}"
  step "Starting the load balancer"
  node_start_group "${NODE_BALANCER[@]}"
}

node_shutdown_timeout_s() { echo $(((SHUTDOWN_TIMEOUT_MS + 999) / 1000 + 5)); }

node_stop() {
  local name=$1 pid
  pid=$(node_running_pid "$name") || {
    rm -f "$(pid_file "$name")"
    return 0
  }
  terminate "$pid" "$(node_shutdown_timeout_s)"
  rm -f "$(pid_file "$name")"
  ok "$name stopped (was pid $pid)"
}

# All at once, as an orchestrator would: each process drains its own in-flight work within
# SHUTDOWN_TIMEOUT_MS. Gateway pid files left from a longer GATEWAY_REPLICA_PORTS count too.
node_stop_all() {
  local names file name
  mapfile -t names < <(node_processes)
  for file in "$RUN_DIR"/gateway-*.pid; do
    [[ -e "$file" ]] || continue
    name=$(basename "$file" .pid)
    [[ -v NODE_PORT[$name] ]] || names+=("$name")
  done
  step "Stopping the Node processes"
  for name in "${names[@]}"; do node_stop "$name" & done
  wait
}
