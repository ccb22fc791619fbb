# shellcheck shell=bash
# The mail catcher: MailDev, a real SMTP server that keeps every message it receives and shows it in
# a web UI and a REST API (tests read mail through it). Pinned by scripts/mail/package-lock.json,
# installed with npm ci into $STATE/tools/maildev, run with the stack's Node; mail in $STATE/mail-catcher.

mail_tool_dir() { printf '%s/tools/maildev' "$STATE"; }

mail_entry() { printf '%s/node_modules/maildev/dist/bin/maildev.js' "$(mail_tool_dir)"; }

mail_web_url() { printf 'http://127.0.0.1:%s' "$MAIL_CATCHER_WEB_PORT"; }

# Installs the locked MailDev when the lock file changed since the last install (or nothing is there).
mail_install() {
  local dir lock="$FOCUSHUB_ROOT/scripts/mail/package-lock.json"
  dir=$(mail_tool_dir)
  [[ -f "$(mail_entry)" ]] && cmp -s "$lock" "$dir/package-lock.json" && return 0
  step "Installing the mail catcher (MailDev, npm ci of scripts/mail) into $dir"
  mkdir -p "$dir"
  cp "$FOCUSHUB_ROOT/scripts/mail/package.json" "$lock" "$dir/"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >>"$LOG_DIR/install.log" 2>&1 ||
    { rm -f "$dir/package-lock.json"; show_log_tail install; die "npm ci of the mail catcher failed"; }
  ok "MailDev $(node "$(mail_entry)" --version) at $(mail_entry)"
}

mail_running_pid() { sv_pid mail-catcher; }

mail_healthy() { [[ "$(curl -s --max-time 2 "$(mail_web_url)/api/healthz")" == true ]]; }

mail_start() {
  local pid
  if pid=$(mail_running_pid); then
    ok "Mail catcher already running (pid $pid)"
    return 0
  fi
  [[ "$MAIL_CATCHER_MAX_EMAILS" =~ ^[0-9]+$ ]] ||
    die "MAIL_CATCHER_MAX_EMAILS must be a number of messages, 0 for no limit (it is '$MAIL_CATCHER_MAX_EMAILS')"
  mkdir -p "$STATE/mail-catcher"
  step "Starting the mail catcher: SMTP 127.0.0.1:$MAIL_CATCHER_SMTP_PORT, web $(mail_web_url)"
  sv_start mail-catcher
  sv_wait mail-catcher 30 mail_ready || die "the mail catcher did not start"
  ok "Mail catcher started (pid $(mail_running_pid))"
}

mail_ready() { mail_healthy && (exec 3<>"/dev/tcp/127.0.0.1/$MAIL_CATCHER_SMTP_PORT") 2>/dev/null; }

# As supervisord runs it, in the foreground.
mail_exec() {
  exec node "$(mail_entry)" --ip 127.0.0.1 --smtp "$MAIL_CATCHER_SMTP_PORT" --web-ip 127.0.0.1 \
    --web "$MAIL_CATCHER_WEB_PORT" --mail-directory "$STATE/mail-catcher" --max-emails "$MAIL_CATCHER_MAX_EMAILS"
}
