#!/usr/bin/env bash
# Creates one login role and one database per FocusHub service. Run once by the official
# postgres image from /docker-entrypoint-initdb.d, when the data directory is first created.
#
# The roles, passwords and database names come from the same connection URLs the services use
# (AUTH_DATABASE_URL, TASK_DATABASE_URL, FOCUS_DATABASE_URL, HABIT_DATABASE_URL,
# NOTIFICATION_DATABASE_URL, SOCIAL_DATABASE_URL, in the form
# postgres://user:password@host:port/database), passed to the postgres container as well, so
# the credentials are written down in one place only. Each role owns its database and no other
# role (except the superuser) may connect to it.
#
# Safe to run again (existing roles get the password from the URL, existing databases are kept)
# and safe to be sourced instead of executed (everything runs in a subshell).

focushub_create_databases() (
  set -Eeuo pipefail

  # Percent-decoding for user info and database name taken from a URL.
  urldecode() {
    printf '%b' "${1//%/\\x}"
  }

  create_one() {
    local var="$1" url rest userinfo hostpart user pass db
    url="${!var:-}"
    if [[ -z "$url" ]]; then
      echo "init-databases: $var is not set" >&2
      return 1
    fi
    if [[ "$url" != postgres://* && "$url" != postgresql://* ]]; then
      echo "init-databases: $var must be a postgres:// URL" >&2
      return 1
    fi
    rest="${url#*://}"
    if [[ "$rest" != *@* ]]; then
      echo "init-databases: $var has no user:password@ part" >&2
      return 1
    fi
    userinfo="${rest%@*}"   # up to the last '@'
    hostpart="${rest##*@}"
    if [[ "$userinfo" != *:* ]]; then
      echo "init-databases: $var has no password" >&2
      return 1
    fi
    user="$(urldecode "${userinfo%%:*}")"
    pass="$(urldecode "${userinfo#*:}")"
    db="${hostpart#*/}"
    db="${db%%\?*}"
    db="$(urldecode "$db")"
    if [[ -z "$user" || -z "$pass" || -z "$db" || "$hostpart" != */* ]]; then
      echo "init-databases: $var must name a user, a password and a database" >&2
      return 1
    fi

    echo "init-databases: role \"$user\", database \"$db\" (from $var)"
    # Values go through psql variables (:'x' literal, :"x" identifier), never through the shell
    # into SQL text.
    psql -v ON_ERROR_STOP=1 -X -q \
      --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
      -v role="$user" -v pass="$pass" -v db="$db" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'pass')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'role', :'pass') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'role', 'UTF8')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db', :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL
  }

  create_one AUTH_DATABASE_URL
  create_one TASK_DATABASE_URL
  create_one FOCUS_DATABASE_URL
  create_one HABIT_DATABASE_URL
  create_one NOTIFICATION_DATABASE_URL
  create_one SOCIAL_DATABASE_URL
)

focushub_create_databases
