# shellcheck shell=bash
# Redis: one append-only instance on loopback, data in $STATE/redis, and an ACL file rendered
# from .env by scripts/redis-acl.sh: the default user off, one user per component.

redis_running_pid() { sv_pid redis; }

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

# As supervisord runs it, in the foreground. On SIGTERM it writes the append-only file and exits.
redis_exec() {
  exec redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE/redis" --appendonly yes \
    --aclfile "$(redis_acl_file)" --daemonize no --logfile "$(log_file redis)"
}

redis_answers() { [[ "$(redis_cli ping 2>/dev/null)" == PONG ]]; }

redis_start() {
  local pid changed=false
  redis_render_acl && changed=true
  if pid=$(redis_running_pid); then
    if $changed; then
      [[ "$(redis_cli acl load)" == OK ]] || die "Redis refused the new ACL file $(redis_acl_file)"
      ok "Redis already running (pid $pid); ACL users reloaded"
      redis_stop_clients
    else
      ok "Redis already running (pid $pid)"
    fi
    return 0
  fi
  step "Starting Redis on 127.0.0.1:$REDIS_PORT"
  sv_start redis
  sv_wait redis 30 redis_answers || die "Redis did not answer PING"
  ok "Redis started (pid $(redis_running_pid))"
}

# The Node processes that sign in to Redis, stopped when their credentials changed under them:
# the caller (`up`, `test`) starts them again on the current ones.
redis_stop_clients() { sv_stop auth-service:* gateway:*; }

redis_stop_debian_default() {
  local file=/run/redis/redis-server.pid pid
  pid=$(running_pid "$file" redis-server) || return 0
  port_holder_pids "$REDIS_PORT" | grep -qx "$pid" || return 0
  warn "Debian's default redis-server (pid $pid) holds port $REDIS_PORT; stopping it (redis-cli shutdown)"
  redis_cli shutdown >/dev/null 2>&1 || kill -TERM "$pid"
  wait_for_exit "$pid" 30 || die "Debian's default redis-server (pid $pid) did not stop"
}
