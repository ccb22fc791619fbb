# shellcheck shell=bash
# Redis: one append-only instance on loopback, data in $STATE/redis.

redis_running_pid() { running_pid "$(pid_file redis)" redis-server; }

redis_cli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" "$@"; }

redis_start() {
  local pid deadline
  if pid=$(redis_running_pid); then
    ok "Redis already running (pid $pid)"
    return 0
  fi
  require_free_port "$REDIS_PORT" Redis
  step "Starting Redis on 127.0.0.1:$REDIS_PORT"
  mkdir -p "$STATE/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" --appendonly yes \
    --daemonize yes --pidfile "$(pid_file redis)" --logfile "$(log_file redis)" ||
    { show_log_tail redis; die "redis-server did not start"; }
  deadline=$((SECONDS + 30))
  until [[ "$(redis_cli ping 2>/dev/null)" == PONG ]]; do
    ((SECONDS < deadline)) || { show_log_tail redis; die "Redis did not answer PING within 30s"; }
    sleep 0.2
  done
  ok "Redis started (pid $(redis_running_pid))"
}

redis_stop() {
  local pid
  remove_stale_pid_file "$(pid_file redis)" redis-server
  if ! pid=$(redis_running_pid); then
    info "Redis is not running"
    return 0
  fi
  redis_cli shutdown save >/dev/null 2>&1 || terminate "$pid" 30
  wait_for_exit "$pid" 30 || terminate "$pid" 5
  rm -f "$(pid_file redis)"
  ok "Redis stopped (was pid $pid)"
}

redis_stop_debian_default() {
  local file=/run/redis/redis-server.pid pid
  pid=$(running_pid "$file" redis-server) || return 0
  port_holder_pids "$REDIS_PORT" | grep -qx "$pid" || return 0
  warn "Debian's default redis-server (pid $pid) holds port $REDIS_PORT; stopping it (redis-cli shutdown)"
  redis_cli shutdown >/dev/null 2>&1 || kill -TERM "$pid"
  wait_for_exit "$pid" 30 || die "Debian's default redis-server (pid $pid) did not stop"
}
