# shellcheck shell=bash
# Jaeger v2 (an OpenTelemetry Collector distribution): every Node process and nginx-spans export their spans
# to it over OTLP (OTEL_EXPORTER_OTLP_ENDPOINT), sampled at NGINX; it keeps every span it receives, in memory,
# JAEGER_MAX_TRACES traces at most, and answers the query API on loopback only, at
# http://127.0.0.1:$JAEGER_UI_PORT. Built from the Go module proxy at the version that deploy/jaeger/tool
# pins, into $STATE/tools/jaeger. Its configuration is deploy/jaeger/config.yaml as it is: Jaeger expands
# the ${env:…} there itself from the environment supervisord gives it (stack.env), so docker-compose.yml and
# deploy/k8s run the same file. That build has no UI assets: http://127.0.0.1:$JAEGER_UI_PORT/ is Jaeger's
# placeholder page, the API is whole (README, "Where to look").

JAEGER_VERSION=v1.75.0

jaeger_bin() { printf '%s/tools/jaeger/bin/jaeger' "$STATE"; }

jaeger_config() { printf '%s/deploy/jaeger/config.yaml' "$FOCUSHUB_ROOT"; }

jaeger_url() { printf 'http://127.0.0.1:%s' "$JAEGER_UI_PORT"; }

# The Jaeger module's go.mod has replace directives, which `go install <package>@<version>` refuses: it is
# built in deploy/jaeger/tool, a module of its own whose go.mod and go.sum pin it.
jaeger_install() {
  go_tool_install "github.com/jaegertracing/jaeger/cmd/jaeger@$JAEGER_VERSION" jaeger "$FOCUSHUB_ROOT/deploy/jaeger/tool"
}

jaeger_running_pid() { sv_pid jaeger; }

# The query API answers only once the storage is up; the OTLP listener opens in the same start.
jaeger_ready() {
  curl -sf --max-time 2 -o /dev/null "$(jaeger_url)/api/services" && port_listening "$JAEGER_OTLP_HTTP_PORT"
}

# The configuration, and what it reads from the environment, as the running Jaeger was given them.
jaeger_settings() {
  local name
  for name in JAEGER_HOST JAEGER_OTLP_HTTP_PORT JAEGER_OTLP_GRPC_PORT JAEGER_UI_PORT JAEGER_QUERY_GRPC_PORT \
    JAEGER_MAX_TRACES JAEGER_MEMORY_LIMIT_MIB; do
    printf '%s=%s\n' "$name" "${!name}"
  done
  printf 'config=%s\n' "$(sha256sum <"$(jaeger_config)")"
}

jaeger_settings_file() { printf '%s/jaeger.settings' "$RUN_DIR"; }

# A limit that is not a whole number above 0 stops here with its name, then `jaeger validate` loads the
# configuration as a start would: a broken one stops here, with its error.
jaeger_check_config() {
  local name
  for name in JAEGER_MAX_TRACES JAEGER_MEMORY_LIMIT_MIB; do
    [[ "${!name}" =~ ^[1-9][0-9]*$ ]] || die "$name must be a whole number above 0 (it is '${!name}')"
  done
  "$(jaeger_bin)" validate --config="$(jaeger_config)" >"$(log_file jaeger-config)" 2>&1 ||
    { show_log_tail jaeger-config; die "Jaeger rejected its configuration $(jaeger_config)"; }
}

# A running Jaeger is replaced when its configuration, or what that reads, has changed; the traces it held go
# with it.
jaeger_start() {
  local pid
  jaeger_check_config
  if pid=$(jaeger_running_pid); then
    if [[ "$(jaeger_settings)" == "$(cat "$(jaeger_settings_file)" 2>/dev/null)" ]]; then
      ok "Jaeger already running (pid $pid)"
      return 0
    fi
    step "Restarting Jaeger (pid $pid) with its new settings; the traces it held are dropped"
    sv_stop jaeger
  fi
  step "Starting Jaeger: $(jaeger_url), OTLP on :$JAEGER_OTLP_HTTP_PORT (HTTP) and :$JAEGER_OTLP_GRPC_PORT (gRPC)"
  jaeger_settings >"$(jaeger_settings_file)"
  sv_start jaeger
  sv_wait jaeger 30 jaeger_ready || die "Jaeger did not start"
  ok "Jaeger started (pid $(jaeger_running_pid))"
}

# As supervisord runs it, in the foreground.
jaeger_exec() {
  exec "$(jaeger_bin)" --config="$(jaeger_config)"
}
