#!/bin/sh
# Prints Redis's ACL file from the environment (the variables of .env.example): the default user
# off (no connection can use it), the stack's admin user, and one user per component that uses Redis, held to its own key
# and channel namespace and to data commands (no KEYS, FLUSH*, CONFIG, DEBUG, SHUTDOWN, ACL …).
# A component's Redis prefixes (RATE_LIMIT_/IDEMPOTENCY_/LIVE_REDIS_PREFIX, AUTH_REDIS_PREFIX)
# must lie inside its namespace. Passwords are written as SHA-256 hashes.
# POSIX sh: run by scripts/redis.sh, by the Redis container (docker-compose.yml) and by the tests'
# own Redis servers (gateway/test/integration/redis-server.ts).
set -eu

fail() {
  echo "redis-acl.sh: $*" >&2
  exit 1
}

# <username> <password>: both non-empty, without spaces (the file separates rules by spaces).
checked() {
  case "$1$2" in *[[:space:]]*) fail "Redis usernames and passwords cannot contain spaces" ;; esac
  [ -n "$1" ] && [ -n "$2" ] || fail "a Redis username or password is empty"
}

hash_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# What a component may run: every data command; INFO and CLIENT SETNAME for the client's handshake.
data_commands='+@all -@dangerous +info +client|setname'

# <username> <password> <key and channel namespace>
component_user() {
  checked "$1" "$2"
  echo "user $1 on #$(hash_of "$2") resetkeys ~$3* resetchannels &$3* $data_commands"
}

admin_user=${STACK_REDIS_USERNAME:-focushub-admin}
admin_password=${STACK_REDIS_PASSWORD:-focushub_redis_admin_dev}
checked "$admin_user" "$admin_password"

# The default user is off with no password, so no connection can run a command as it. Its command and
# key rules still matter: Redis 7.0 replays the append-only file as the default user and re-checks
# each MULTI … EXEC (how a script's writes are logged) against its rules; allowed nothing, every such
# transaction was dropped at start-up (a rate-limit counter came back without its expiry and refused
# its caller for good). gateway/test/integration/redis-restart.test.ts holds it.
echo 'user default off resetpass resetkeys resetchannels ~* &* +@all'
echo "user $admin_user on #$(hash_of "$admin_password") ~* &* +@all"
component_user "${GATEWAY_REDIS_USERNAME:-focushub-gateway}" \
  "${GATEWAY_REDIS_PASSWORD:-focushub_gateway_dev}" focushub:gateway:
component_user "${AUTH_REDIS_USERNAME:-focushub-auth}" "${AUTH_REDIS_PASSWORD:-focushub_auth_dev}" focushub:auth:
