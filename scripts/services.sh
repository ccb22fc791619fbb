# shellcheck shell=bash
# The Node processes: six services, the gateway replicas and the load balancer, each a component of
# one or more replicas run by supervisord (scripts/supervisor.sh). Replica <n> of <component> is the
# process <component>-<n>. A service's replicas, and the balancer's, share one port (every process
# listens with SO_REUSEPORT, so the kernel spreads connections over them); each gateway replica has
# its own port of GATEWAY_REPLICA_PORTS, which the balancer spreads requests over.
# Each runs its build, `node <dir>/dist/server.js`, from the repository root: one JavaScript file made by
# scripts/build.ts from `<dir>/src/server.ts` (which `node` also runs as it is, for development), rebuilt
# before a start whenever a source changed. Without Node's type stripper and the modules no process
# uses, and with NODE_PROCESS_FLAGS, a process stays near 100 MB (docs/performance.md, "Memory").
# Every process also serves its own /metrics on a loopback port of its own (node_metrics_port).

NODE_START_TIMEOUT_S=60

declare -A NODE_DIR NODE_PORT NODE_REPLICAS NODE_METRICS_RANK
NODE_SERVICES=() NODE_COMPONENTS=()

define_node_processes() {
  local name port replicas ports rank=0
  NODE_SERVICES=() NODE_COMPONENTS=()
  for name in auth task focus habit notification social; do
    port=${name^^}_SERVICE_PORT replicas=${name^^}_SERVICE_REPLICAS
    NODE_SERVICES+=("$name-service")
    NODE_DIR[$name-service]=$name-service
    NODE_PORT[$name-service]=${!port}
    NODE_REPLICAS[$name-service]=${!replicas}
    NODE_METRICS_RANK[$name-service]=$((++rank))
  done
  IFS=, read -ra ports <<<"$GATEWAY_REPLICA_PORTS"
  NODE_DIR[gateway]=gateway
  NODE_REPLICAS[gateway]=${#ports[@]}
  NODE_METRICS_RANK[gateway]=7
  NODE_DIR[load-balancer]=load-balancer
  NODE_PORT[load-balancer]=$LB_PORT
  NODE_REPLICAS[load-balancer]=$LB_REPLICAS
  NODE_METRICS_RANK[load-balancer]=8
  NODE_COMPONENTS=("${NODE_SERVICES[@]}" gateway load-balancer)
}

# The processes of the named components (all with none), one per line: task-service-1, …
node_processes() {
  local component i
  (($#)) || set -- "${NODE_COMPONENTS[@]}"
  for component; do
    for ((i = 1; i <= NODE_REPLICAS[$component]; i++)); do echo "$component-$i"; done
  done
}

node_component() { printf '%s' "${1%-*}"; }
node_replica() { printf '%s' "${1##*-}"; }

# The port of one process: the gateway replicas' are GATEWAY_REPLICA_PORTS in order, the others share their component's.
node_port() {
  local component ports
  component=$(node_component "$1")
  if [[ "$component" == gateway ]]; then
    IFS=, read -ra ports <<<"$GATEWAY_REPLICA_PORTS"
    printf '%s' "${ports[$(($(node_replica "$1") - 1))]}"
  else
    printf '%s' "${NODE_PORT[$component]}"
  fi
}

node_entry() { printf '%s/dist/server.js' "${NODE_DIR[$1]}"; }

# The port of one process's own /metrics listener (loopback): METRICS_PORT_BASE + 10 × the component's
# rank + the replica. Ranks: auth-service 1, task 2, focus 3, habit 4, notification 5, social 6,
# gateway 7, load-balancer 8; so with the base 9400, task-service-2 is :9422 and gateway-1 :9471.
node_metrics_port() {
  local component
  component=$(node_component "$1")
  printf '%s' $((METRICS_PORT_BASE + 10 * NODE_METRICS_RANK[$component] + $(node_replica "$1")))
}

# Every process's /metrics as Prometheus file-based discovery reads it ($RUN_DIR/metrics-targets.json),
# written with supervisord's configuration: job = component, instance = process. Up to 9 replicas per
# component, so that no two processes share a port.
node_write_metrics_targets() {
  local file component name separator=''
  file="$RUN_DIR/metrics-targets.json"
  [[ "${METRICS_PORT_BASE-}" =~ ^[1-9][0-9]{0,4}$ ]] && ((METRICS_PORT_BASE + 89 < 65536)) ||
    die "METRICS_PORT_BASE must be a port number below 65447 (it is '$METRICS_PORT_BASE')"
  for component in "${NODE_COMPONENTS[@]}"; do
    ((NODE_REPLICAS[$component] <= 9)) ||
      die "$component has ${NODE_REPLICAS[$component]} replicas: their metrics ports allow 9 at most"
  done
  {
    printf '['
    while read -r name; do
      printf '%s\n  {"targets":["127.0.0.1:%s"],"labels":{"job":"%s","instance":"%s"}}' \
        "$separator" "$(node_metrics_port "$name")" "$(node_component "$name")" "$name"
      separator=,
    done < <(node_processes)
    printf '\n]\n'
  } >"$file.new"
  if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv -f "$file.new" "$file"; fi
}

# Bundles the named components' workspaces (all with no names) where a source changed since the last build.
node_build() {
  local name names=("$@") dirs=()
  (($#)) || names=("${NODE_COMPONENTS[@]}")
  # shared: the tracing every process loads first (node_exec).
  for name in "${names[@]}"; do dirs+=("${NODE_DIR[$name]}"); done
  dirs+=(shared)
  mapfile -t dirs < <(printf '%s\n' "${dirs[@]}" | sort -u)
  step "Building the Node processes (node scripts/build.ts)"
  node scripts/build.ts "${dirs[@]}" >"$(log_file build)" 2>&1 ||
    { show_log_tail build; die "the build failed (full output: ./focushub logs build)"; }
  ok "$(tail -n 1 "$(log_file build)")"
}

# V8 flags of every process (NODE_PROCESS_FLAGS), and a diagnostic report on SIGURG (which a process
# without the flag ignores): its JavaScript heap figures are what bench/soak reads. MALLOC_ARENA_MAX
# (in node_exec): glibc's default of one malloc arena per thread, up to 8 per core, keeps ~4 MB more.
node_flags() {
  printf '%s --report-on-signal --report-signal=SIGURG --report-exclude-env --report-compact --report-directory=%s' \
    "${NODE_PROCESS_FLAGS-}" "$STATE/reports"
}

# Replica <n> of <component>, as supervisord runs it (scripts/supervisor.sh, supervised_exec).
node_exec() {
  local component=$1 replica=$2 name="$1-$2" flags argv=(env MALLOC_ARENA_MAX=2)
  [[ -v NODE_DIR[$component] ]] || return 0
  mkdir -p "$STATE/reports"
  # A stack.env written before METRICS_PORT_BASE existed starts processes without a metrics listener.
  [[ -n "${METRICS_PORT_BASE-}" ]] && argv+=(METRICS_PORT="$(node_metrics_port "$name")" METRICS_INSTANCE="$name")
  case "$component" in
    gateway) argv+=(GATEWAY_PORT="$(node_port "$name")") ;;
    load-balancer) argv+=(LB_ADMIN_PORT="$((LB_ADMIN_PORT + replica - 1))") ;;
  esac
  # OpenTelemetry starts before the server's first import (shared/src/tracing/register.ts, built by
  # scripts/build.ts); OTEL_SDK_DISABLED=true turns it off.
  argv+=(OTEL_SERVICE_NAME="$component")
  # V8's compiled code of every module, kept on disk: a respawned process loads its ~1,000 modules
  # about a fifth faster (the self-healing drill's 5 s includes that start).
  argv+=(NODE_COMPILE_CACHE="$STATE/cache/node-compile")
  read -ra flags <<<"$(node_flags)"
  exec "${argv[@]}" node "${flags[@]}" --import "$FOCUSHUB_ROOT/shared/dist/tracing.js" "$(node_entry "$component")"
}

node_listens() { port_holder_pids "$2" | grep -qx "$1"; }

node_healthy() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/health")" == 200 ]]
}

# Ready: the process itself listens on its port (it does once its app is ready) and the port answers
# GET /health with 200.
node_ready() {
  local name=$1 port pid
  port=$(node_port "$name")
  pid=$(sv_pid "$name") && node_listens "$pid" "$port" && node_healthy "$port"
}

# Starts the processes that are not running, then waits for every one to be ready.
node_start() {
  local name failed=() starting=()
  for name; do
    sv_pid "$name" >/dev/null && continue
    rotate_log "$name"
    starting+=("$name")
  done
  ((${#starting[@]})) || return 0
  sv_start "${starting[@]}"
  for name in "${starting[@]}"; do
    if sv_wait "$name" "$NODE_START_TIMEOUT_S" node_ready "$name"; then
      ok "$name ready on :$(node_port "$name") (pid $(sv_pid "$name"))"
    else
      failed+=("$name")
    fi
  done
  ((${#failed[@]} == 0)) || die "did not start: ${failed[*]} (./focushub status says why; logs: ./focushub logs <name>)"
}

# The balancer reads its own list; a replica missing from it would get no traffic.
node_check_balancer_upstreams() {
  local name port
  while read -r name; do
    port=$(node_port "$name")
    [[ ",$LB_UPSTREAMS," =~ :$port[/,] ]] ||
      warn "LB_UPSTREAMS ($LB_UPSTREAMS) does not list $name (port $port): it will get no traffic"
  done < <(node_processes gateway)
}

node_start_all() {
  local processes
  node_check_balancer_upstreams
  step "Starting the services"
  mapfile -t processes < <(node_processes "${NODE_SERVICES[@]}")
  node_start "${processes[@]}"
  step "Starting the gateway replicas"
  mapfile -t processes < <(node_processes gateway)
  node_start "${processes[@]}"
  step "Starting the load balancer"
  mapfile -t processes < <(node_processes load-balancer)
  node_start "${processes[@]}"
}

node_shutdown_timeout_s() { echo $(((SHUTDOWN_TIMEOUT_MS + 999) / 1000 + 5)); }

# All at once, as an orchestrator would: each process drains its own in-flight work within
# SHUTDOWN_TIMEOUT_MS.
node_stop_all() {
  step "Stopping the Node processes"
  sv_stop "${NODE_COMPONENTS[@]/%/:*}"
  ok "stopped: ${NODE_COMPONENTS[*]}"
}

# Replaces one running process with no moment where its port refuses a connection, as an orchestrator
# rolls a deployment: when no other replica listens on its port, a stand-in (the same command, outside
# supervisord) starts first; then supervisord stops the process (SIGTERM: it drains), starts it again,
# and once it is ready the stand-in drains and exits.
node_replace() {
  local name=$1 port pid standin=''
  port=$(node_port "$name")
  pid=$(sv_pid "$name") || {
    node_start "$name"
    return
  }
  if [[ "$(port_holder_pids "$port")" == "$pid" ]]; then
    # In a session of its own (a Ctrl-C here must not reach it); its pid is the port's new listener.
    setsid --fork "$FOCUSHUB_ROOT/focushub" supervised "$(sv_env_file)" "$(node_component "$name")" \
      "$(node_replica "$name")" </dev/null >/dev/null 2>&1
    standin=$(wait_new_listener "$port" "$pid" "$NODE_START_TIMEOUT_S") ||
      { show_log_tail "$name"; die "$name: its stand-in did not listen on :$port; $name left as it was"; }
  fi
  sv_ctl stop "$(sv_full_name "$name")" >/dev/null
  sv_start "$name"
  if ! sv_wait "$name" "$NODE_START_TIMEOUT_S" node_ready "$name"; then
    [[ -n "$standin" ]] && warn "$name's stand-in (pid $standin) keeps serving :$port until ./focushub down"
    die "$name did not start again"
  fi
  [[ -n "$standin" ]] && terminate "$standin" "$(node_shutdown_timeout_s)"
  ok "$name replaced (pid $pid → $(sv_pid "$name"))"
}

# Prints the pid of a process other than <pid> that listens on <port>, once there is one (within <seconds>).
wait_new_listener() {
  local port=$1 pid=$2 deadline=$((SECONDS + $3)) other
  while ((SECONDS < deadline)); do
    other=$(port_holder_pids "$port" | grep -vx "$pid" | head -n 1)
    [[ -n "$other" ]] && { printf '%s' "$other"; return 0; }
    sleep 0.25
  done
  return 1
}

# The named components' processes (or single processes), one replica at a time within a component,
# the components side by side.
node_replace_all() {
  local arg component failed=0 jobs=() processes
  declare -A by_component=()
  for arg; do
    if [[ -v NODE_DIR[$arg] ]]; then
      mapfile -t processes < <(node_processes "$arg")
      by_component[$arg]="${processes[*]}"
    else
      component=$(node_component "$arg")
      by_component[$component]="${by_component[$component]:-} $arg"
    fi
  done
  for component in "${!by_component[@]}"; do
    (
      read -ra processes <<<"${by_component[$component]}"
      for arg in "${processes[@]}"; do node_replace "$arg"; done
    ) &
    jobs+=("$!")
  done
  for component in "${jobs[@]}"; do wait "$component" || failed=1; done
  ((failed == 0)) || die "some processes were not replaced (above)"
}

# A component (task-service) or one of its processes (task-service-2).
node_known() {
  [[ -v NODE_DIR[$1] ]] && return 0
  [[ -v NODE_DIR[$(node_component "$1")] ]] && node_processes "$(node_component "$1")" | grep -qx -- "$1"
}
