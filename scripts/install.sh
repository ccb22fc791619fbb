# shellcheck shell=bash
# `./focushub install`: Debian packages, Node 24, npm dependencies, the mail catcher, Kafka jars.
# Every step checks first and does nothing when its part is already there.

APT_UPDATED=0

# Prints the Debian packages whose commands are missing.
missing_packages() {
  [[ -n "$(postgres_bin_dir)" ]] || echo postgresql
  have redis-server || echo redis-server
  have nginx || echo nginx-light
  have docker-compose || echo docker-compose
  have java || echo default-jre-headless
  have mvn || echo maven
  have envsubst || echo gettext-base
  have curl || echo curl
  have ss || echo iproute2
  # Headless browser of the browser tests (e2e/browser, driven by playwright-core)
  have chromium || echo chromium
  have npm || printf '%s\n' nodejs npm
  # The contract test's schemathesis runs in a venv of its own
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || echo python3-venv
}

apt_install() {
  (($#)) || return 0
  is_root || die "missing Debian packages: $*. Install them with: sudo apt-get install $*"
  local log="$LOG_DIR/install.log"
  step "Installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if ((!APT_UPDATED)); then
    apt-get update -q >>"$log" 2>&1 || { show_log_tail install; die "apt-get update failed"; }
    APT_UPDATED=1
  fi
  apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1 ||
    { show_log_tail install; die "apt-get install failed (full output in $log)"; }
  ok "installed $*"
}

# Installing a Debian daemon may start its default instance; none may keep our ports.
stop_debian_default_daemons() {
  postgres_stop_debian_default
  redis_stop_debian_default
  nginx_stop_debian_default
}

ensure_node24() {
  [[ "$(node -v 2>/dev/null)" == v24.* ]] && return 0
  step "Installing Node 24 (npm package node@24) into $STATE/tools/node"
  npm install --no-save --no-audit --no-fund --loglevel=error \
    --prefix "$STATE/tools/node" node@24 >>"$LOG_DIR/install.log" 2>&1 ||
    { show_log_tail install; die "could not install node@24 from the npm registry"; }
  PATH="$NODE_TOOL_BIN:$PATH"
  hash -r
  [[ "$(node -v)" == v24.* ]] || die "node@24 installed, but $NODE_TOOL_BIN/node is $(node -v)"
  ok "node $(node -v) at $NODE_TOOL_BIN/node"
}

ensure_node_modules() {
  local lock="$FOCUSHUB_ROOT/package-lock.json" installed="$FOCUSHUB_ROOT/node_modules/.package-lock.json"
  if [[ -f "$lock" ]]; then
    [[ -f "$installed" && ! "$lock" -nt "$installed" ]] && return 0
    step "Installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error ||
      die "npm ci failed (if package.json changed, refresh package-lock.json with npm install)"
  else
    [[ -f "$installed" && ! "$FOCUSHUB_ROOT/package.json" -nt "$installed" ]] && return 0
    step "Installing npm dependencies (npm install: there is no package-lock.json yet)"
    npm install --no-audit --no-fund --loglevel=error || die "npm install failed"
  fi
}

# The OpenAPI contract test's generator (e2e/contract.test.ts), pinned: its checks change between versions.
SCHEMATHESIS_VERSION=4.32.5

ensure_schemathesis() {
  local venv="$STATE/tools/schemathesis"
  [[ "$("$venv/bin/st" --version 2>/dev/null)" == *" $SCHEMATHESIS_VERSION" ]] && return 0
  step "Installing schemathesis $SCHEMATHESIS_VERSION (PyPI) into $venv"
  { python3 -m venv --clear "$venv" &&
    "$venv/bin/pip" install --disable-pip-version-check -q "schemathesis==$SCHEMATHESIS_VERSION"; } \
    >>"$LOG_DIR/install.log" 2>&1 || { show_log_tail install; die "could not install schemathesis from PyPI"; }
  ok "schemathesis $SCHEMATHESIS_VERSION at $venv/bin/st"
}

ensure_installed() {
  ensure_state_dirs
  local packages
  mapfile -t packages < <(missing_packages)
  apt_install "${packages[@]}"
  stop_debian_default_daemons
  ensure_node24
  ensure_node_modules
  mail_install
  kafka_install_jars
  ensure_schemathesis
}
