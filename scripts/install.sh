# shellcheck shell=bash
# `./focushub install`: Debian packages, Node 24, npm dependencies, the mail catcher, the S3 server,
# Kafka jars, the Kubernetes manifests' validators, Jaeger.
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
  # The stack's process supervisor (scripts/supervisor.sh)
  have supervisord || echo supervisor
  # Metrics and alerting rules (scripts/prometheus.sh); brings promtool, which tests the rules
  have prometheus || echo prometheus
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
  prometheus_stop_debian_default
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

# deploy/k8s's validation (scripts/test/k8s-manifests.test.ts): kubeconform from the Go module proxy, the
# Kubernetes JSON schemas from PyPI's kubernetes-validate (its refs made relative, so no schema is fetched from the
# network), and kustomize only where kubectl (whose `kubectl kustomize` is kustomize) is missing.
KUBECONFORM_VERSION=v0.8.0
KUSTOMIZE_VERSION=v5.5.0
KUBERNETES_VALIDATE_VERSION=1.37.0
KUBERNETES_SCHEMA_VERSION=v1.33.0

go_command() {
  have go && { command -v go; return; }
  [[ -x /usr/local/go/bin/go ]] && { echo /usr/local/go/bin/go; return; }
  die "Go is missing (needed to build versitygw, kubeconform, kustomize and Jaeger from the Go module proxy)"
}

# <module path>@<version> <binary name> [<module folder>]: go install into $STATE/tools/<binary name>/bin. With a
# folder: go build there instead, in that Go module of ours, whose go.mod and go.sum pin <module path>'s
# module at <version> (for a program whose own go.mod has replace directives, which go install refuses).
go_tool_install() {
  local module=$1 name=$2 dir=${3:-} bin="$STATE/tools/$2/bin" go
  [[ -x "$bin/$name" && -f "$bin/.version" && "$(cat "$bin/.version")" == "$module" ]] && return 0
  go=$(go_command)
  step "Building $module (Go module proxy) into $bin"
  if [[ -n "$dir" ]]; then
    (cd "$dir" && "$go" build -o "$bin/$name" "${module%@*}")
  else
    GOBIN="$bin" "$go" install "$module"
  fi >>"$LOG_DIR/install.log" 2>&1 || { show_log_tail install; die "could not build $module"; }
  echo "$module" >"$bin/.version"
  ok "$name at $bin/$name"
}

ensure_kubernetes_schemas() {
  local dir="$STATE/tools/k8s-schemas/$KUBERNETES_SCHEMA_VERSION" staging
  [[ -f "$dir/.version" && "$(cat "$dir/.version")" == "$KUBERNETES_VALIDATE_VERSION" ]] && return 0
  step "Fetching the Kubernetes $KUBERNETES_SCHEMA_VERSION JSON schemas (PyPI kubernetes-validate) into $dir"
  staging="$dir.partial"
  rm -rf "$staging" && mkdir -p "$staging"
  { python3 -m venv "$staging/venv" &&
    "$staging/venv/bin/pip" download --disable-pip-version-check -q --no-deps -d "$staging/wheel" \
      "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" &&
    python3 - "$staging" "$KUBERNETES_SCHEMA_VERSION" <<'PY'; } >>"$LOG_DIR/install.log" 2>&1 ||
import glob, json, os, sys, zipfile
staging, version = sys.argv[1], sys.argv[2]
prefix = f"kubernetes_validate/kubernetes-json-schema/{version}-local-strict/"
def relative(node):
    if isinstance(node, dict):
        node.pop("$id", None)
        return {k: (v.replace("/api/", "") if isinstance(v, str) and k == "$ref" else relative(v)) for k, v in node.items()}
    return [relative(v) for v in node] if isinstance(node, list) else node
with zipfile.ZipFile(glob.glob(f"{staging}/wheel/*.whl")[0]) as wheel:
    for name in (n for n in wheel.namelist() if n.startswith(prefix) and n.endswith(".json")):
        with open(os.path.join(staging, os.path.basename(name)), "w") as out:
            json.dump(relative(json.loads(wheel.read(name))), out)
PY
    { show_log_tail install; die "could not fetch the Kubernetes JSON schemas from PyPI"; }
  rm -rf "$staging/venv" "$staging/wheel" "$dir"
  echo "$KUBERNETES_VALIDATE_VERSION" >"$staging/.version"
  mv "$staging" "$dir"
  ok "Kubernetes $KUBERNETES_SCHEMA_VERSION schemas: $(find "$dir" -name '*.json' | wc -l) files"
}

ensure_k8s_tools() {
  go_tool_install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" kubeconform
  have kubectl || go_tool_install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION" kustomize
  ensure_kubernetes_schemas
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
  s3_install
  kafka_install_jars
  ensure_schemathesis
  ensure_k8s_tools
  jaeger_install
}
