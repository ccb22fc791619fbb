# shellcheck shell=bash
# PostgreSQL: one cluster in $STATE/postgres, one role and one database per service.

PG_DATABASE_URL_VARS=(AUTH_DATABASE_URL TASK_DATABASE_URL FOCUS_DATABASE_URL HABIT_DATABASE_URL NOTIFICATION_DATABASE_URL SOCIAL_DATABASE_URL)

# Idempotent: creates what is missing, resets the password and the owner to the URL's.
read -r -d '' PG_ROLE_AND_DATABASE_SQL <<'SQL' || true
SELECT format('CREATE ROLE %I LOGIN', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \gexec
SQL

postgres_data_dir() { printf '%s/postgres' "$STATE"; }
postgres_socket_dir() { printf '%s/postgres' "$RUN_DIR"; }

# Newest PostgreSQL server of Debian's packages (15 on Debian 12); empty when there is none.
postgres_bin_dir() {
  local initdb
  initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  [[ -x "$initdb" ]] && dirname "$initdb"
  return 0
}

# PostgreSQL refuses to run as root: as root, its files and processes belong to `postgres`.
as_postgres_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

postgres_running_pid() { sv_pid postgres; }

# The postgres user must be able to walk down to the data directory (a clone under /root is not).
postgres_grant_path_access() {
  local path='' part parts
  runuser -u postgres -- test -x "$(postgres_data_dir)" && return 0
  IFS=/ read -ra parts <<<"${STATE#/}"
  for part in "${parts[@]}"; do
    path+="/$part"
    runuser -u postgres -- test -x "$path" && continue
    warn "the postgres user cannot enter $path; granting others search permission (chmod o+x $path)"
    chmod o+x "$path"
  done
}

postgres_prepare() {
  local data socket log
  data=$(postgres_data_dir) socket=$(postgres_socket_dir) log=$(log_file postgres)
  mkdir -p "$data" "$socket"
  touch "$log"
  chmod 700 "$data"
  if is_root; then
    chown postgres:postgres "$data" "$socket" "$log"
    postgres_grant_path_access
  fi
  [[ -f "$data/PG_VERSION" ]] && return 0
  step "Initialising the PostgreSQL cluster in $data"
  as_postgres_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >>"$log" 2>&1 ||
    { show_log_tail postgres; die "initdb failed"; }
}

# As supervisord runs it: in the foreground, as the data's owner (setpriv execs, so supervisord
# watches the postmaster itself).
postgres_exec() {
  local argv=("$(postgres_bin_dir)/postgres" -D "$(postgres_data_dir)" -c listen_addresses=127.0.0.1
    -p "$POSTGRES_PORT" -c max_connections=300 -c unix_socket_directories="$(postgres_socket_dir)")
  is_root && exec setpriv --reuid=postgres --regid=postgres --init-groups -- "${argv[@]}"
  exec "${argv[@]}"
}

postgres_accepts() { postgres_psql -c 'select 1' >/dev/null 2>&1; }

postgres_start() {
  local pid
  PG_BIN=$(postgres_bin_dir)
  if pid=$(postgres_running_pid); then
    ok "PostgreSQL already running (pid $pid)"
  else
    postgres_prepare
    step "Starting PostgreSQL on 127.0.0.1:$POSTGRES_PORT"
    sv_start postgres
    sv_wait postgres 60 postgres_accepts || die "PostgreSQL did not start"
    ok "PostgreSQL started (pid $(postgres_running_pid))"
  fi
  postgres_ensure_databases
}

postgres_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(postgres_socket_dir)" -p "$POSTGRES_PORT" \
    -U postgres -d postgres "$@"
}

postgres_ensure_databases() {
  local var
  PG_DATABASES=()
  for var in "${PG_DATABASE_URL_VARS[@]}"; do
    postgres_ensure_database "$var"
  done
  ok "databases and their roles: ${PG_DATABASES[*]}"
}

# Creates (or brings up to date) the role and database named by the URL in variable <var>.
postgres_ensure_database() {
  local var=$1 url=${!1} user password port db
  local re='^postgres(ql)?://([^:@/]+):([^@/]*)@([^:/]+)(:([0-9]+))?/([^/?]+)'
  [[ "$url" =~ $re ]] || die "$var must look like postgres://user:password@host:port/database (it is '$url')"
  user=$(url_decode "${BASH_REMATCH[2]}")
  password=$(url_decode "${BASH_REMATCH[3]}")
  port=${BASH_REMATCH[6]:-5432}
  db=$(url_decode "${BASH_REMATCH[7]}")
  [[ "$port" == "$POSTGRES_PORT" ]] || warn "$var uses port $port, but PostgreSQL listens on POSTGRES_PORT=$POSTGRES_PORT"
  postgres_psql -v role="$user" -v password="$password" -v db="$db" <<<"$PG_ROLE_AND_DATABASE_SQL" ||
    die "could not create role $user and database $db (from $var)"
  PG_DATABASES+=("$db")
}

postgres_stop_debian_default() {
  local version cluster port status _
  port_listening "$POSTGRES_PORT" || return 0
  postgres_running_pid >/dev/null && return 0
  have pg_lsclusters || return 0
  while read -r version cluster port status _; do
    [[ "$port" == "$POSTGRES_PORT" && "$status" == online* ]] || continue
    warn "Debian's default PostgreSQL cluster $version/$cluster holds port $port; stopping it (pg_ctlcluster $version $cluster stop)"
    pg_ctlcluster "$version" "$cluster" stop
  done < <(pg_lsclusters --no-header)
}
