# shellcheck shell=bash
# Redis: one append-only instance on loopback, data in $STATE/redis, and an ACL file rendered
# from .env by scripts/redis-acl.sh: the default user off, one user per component.

redis_running_pid() { running_pid "$(pid_file redis)" redis-server; }

# As the stack's admin user; REDISCLI_AUTH keeps the password off the command line. Against a
# Redis without that user (one started before ACLs) redis-cli goes on unauthenticated.
redis_cli() {
  REDISCLI_AUTH="$STACK_REDIS_PASSWORD" redis-cli --no-auth-warning -h 127.0.0.1 -p "$REDIS_PORT" \
    --user "$STACK_REDIS_USERNAME" "$@" 2>/dev/null
}

redis_acl_file() { printf '%s/redis/users.acl' "$STATE"; }

# Writes the ACL file from the environment; fails (status 1) when it is unchanged.
redis_render_acl() {
  local file
  file=$(redis_acl_file)
  mkdir -p "$STATE/redis"
  (umask 077 && sh "$FOCUSHUB_ROOT/scripts/redis-acl.sh" >"$file.new") ||
    { rm -f "$file.new"; die "could not render Redis's ACL file"; }
  if cmp -s "$file.new" "$file"; then
    rm -f "$file.new"
    return 1
  fi
  mv "$file.new" "$file"
}

# Whether the running Redis is ours with ACLs: it knows the admin user and reads our ACL file.
redis_has_acl() {
  [[ "$(redis_cli acl whoami)" == "$STACK_REDIS_USERNAME" ]] &&
    [[ "$(redis_cli config get aclfile | tail -n 1)" == "$(redis_acl_file)" ]]
}

redis_start() {
  local pid deadline changed=false
  redis_render_acl && changed=true
  if pid=$(redis_running_pid); then
    if redis_has_acl && ! $changed; then
      ok "Redis already running (pid $pid)"
      return 0
    elif redis_has_acl; then
      [[ "$(redis_cli acl load)" == OK ]] || die "Redis refused the new ACL file $(redis_acl_file)"
      ok "Redis already running (pid $pid); ACL users reloaded"
    else
      warn "Redis (pid $pid) runs without the stack's ACL users; restarting it"
      redis_stop
    fi
    redis_stop_clients
    redis_running_pid >/dev/null && return 0
  fi
  require_free_port "$REDIS_PORT" Redis
  step "Starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" --appendonly yes \
    --aclfile "$(redis_acl_file)" \
    --daemonize yes --pidfile "$(pid_file redis)" --logfile "$(log_file redis)" ||
    { show_log_tail redis; die "redis-server did not start"; }
  deadline=$((SECONDS + 30))
  until [[ "$(redis_cli ping 2>/dev/null)" == PONG ]]; do
    ((SECONDS < deadline)) || { show_log_tail redis; die "Redis did not answer PING within 30s"; }
    sleep 0.2
  done
  ok "Redis started (pid $(redis_running_pid))"
}

# The Node processes that sign in to Redis, stopped when their credentials changed under them:
# the caller (`up`, `test`) starts them again on the current ones.
redis_stop_clients() {
  local name
  for name in auth-service "${NODE_GATEWAYS[@]}"; do node_stop "$name"; done
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
