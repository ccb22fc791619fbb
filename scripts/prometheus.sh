# shellcheck shell=bash
# Prometheus (Debian's `prometheus` package): scrapes every Node process's own /metrics listener every 5 s
# and evaluates the alerting rules of deploy/prometheus/rules. Its configuration is rendered from
# deploy/prometheus/prometheus.yml into $RUN_DIR/prometheus.yml on every start; the targets are
# $RUN_DIR/metrics-targets.json (file_sd: Prometheus re-reads it when it changes), which ./focushub writes
# with supervisord's configuration. Data in $STATE/data/prometheus, kept PROMETHEUS_RETENTION; the UI and
# the API on loopback only, at http://127.0.0.1:$PROMETHEUS_PORT.

prometheus_url() { printf 'http://127.0.0.1:%s' "$PROMETHEUS_PORT"; }

prometheus_data_dir() { printf '%s/data/prometheus' "$STATE"; }

prometheus_config() { printf '%s/prometheus.yml' "$RUN_DIR"; }

prometheus_targets() { printf '%s/metrics-targets.json' "$RUN_DIR"; }

prometheus_running_pid() { sv_pid prometheus; }

prometheus_ready() { curl -sf --max-time 2 -o /dev/null "$(prometheus_url)/-/ready"; }

# Debian's package runs a Prometheus of its own (/etc/prometheus, :9090, /var/lib/prometheus) and starts it
# at boot: stopped and disabled for good, so that only the stack's scrapes and holds PROMETHEUS_PORT.
prometheus_stop_debian_default() {
  local pid
  [[ -x /etc/init.d/prometheus ]] || return 0
  if [[ -d /run/systemd/system ]] && systemctl --quiet is-active prometheus.service; then
    warn "Debian's default Prometheus service is running; stopping it (systemctl stop prometheus)"
    systemctl stop prometheus.service
  elif pid=$(running_pid /run/prometheus/prometheus.pid /usr/bin/prometheus); then
    warn "Debian's default Prometheus (pid $pid) is running; stopping it (/etc/init.d/prometheus stop)"
    /etc/init.d/prometheus stop >/dev/null
    wait_for_exit "$pid" 20 || die "Debian's default Prometheus (pid $pid) did not stop"
  fi
  compgen -G '/etc/rc[2-5].d/S*prometheus' >/dev/null || return 0
  if ! is_root; then
    warn "Debian's default Prometheus starts at boot; disable it with: sudo update-rc.d prometheus disable"
    return 0
  fi
  # update-rc.d disables the systemd unit as well as the init script's links.
  update-rc.d prometheus disable >>"$LOG_DIR/install.log" 2>&1 ||
    die "could not disable Debian's default Prometheus (update-rc.d prometheus disable)"
  ok "Debian's default Prometheus disabled at boot (update-rc.d prometheus disable)"
}

# The configuration, checked by promtool before it is used: a broken rule file stops here, with its error.
# Prometheus finds no targets file as an error: an empty list stands in until the first is written.
prometheus_render_config() {
  local file targets
  file=$(prometheus_config)
  targets=$(prometheus_targets)
  [[ -f "$targets" ]] || echo '[]' >"$targets"
  PROMETHEUS_RULES_DIR="$FOCUSHUB_ROOT/deploy/prometheus/rules" PROMETHEUS_TARGETS_FILE=$targets \
    envsubst "\${PROMETHEUS_RULES_DIR} \${PROMETHEUS_TARGETS_FILE}" \
    <"$FOCUSHUB_ROOT/deploy/prometheus/prometheus.yml" >"$file.new"
  promtool check config "$file.new" >"$(log_file prometheus-config)" 2>&1 ||
    { rm -f "$file.new"; show_log_tail prometheus-config; die "promtool rejected the Prometheus configuration"; }
  mv -f "$file.new" "$file"
}

prometheus_start() {
  local pid
  [[ "$PROMETHEUS_RETENTION" =~ ^([0-9]+(ms|s|m|h|d|w|y))+$ ]] ||
    die "PROMETHEUS_RETENTION must be a Prometheus duration such as 12h, 2d or 1w (it is '$PROMETHEUS_RETENTION')"
  prometheus_render_config
  if pid=$(prometheus_running_pid); then
    # SIGHUP: Prometheus reloads its configuration and the rule files.
    kill -HUP "$pid"
    ok "Prometheus already running (pid $pid): configuration and rules reloaded"
    return 0
  fi
  mkdir -p "$(prometheus_data_dir)"
  step "Starting Prometheus: $(prometheus_url), data in $(prometheus_data_dir) (kept $PROMETHEUS_RETENTION)"
  sv_start prometheus
  sv_wait prometheus 30 prometheus_ready || die "Prometheus did not start"
  ok "Prometheus started (pid $(prometheus_running_pid))"
}

# As supervisord runs it, in the foreground.
prometheus_exec() {
  exec prometheus --config.file="$(prometheus_config)" --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    --storage.tsdb.path="$(prometheus_data_dir)" --storage.tsdb.retention.time="$PROMETHEUS_RETENTION"
}
