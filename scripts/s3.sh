# shellcheck shell=bash
# The attachments' object storage: Versity S3 Gateway (versitygw), an S3 API over a plain folder (its
# posix backend, objects as files under $STATE/data/s3/<bucket>). Built from the Go module proxy at a
# pinned version into $STATE/tools/versitygw; listens on loopback only (clients reach it through
# NGINX's /storage/ with presigned URLs). Production uses any S3 service instead (README, "Attachments").

VERSITYGW_VERSION=v1.8.0

s3_bin() { printf '%s/tools/versitygw/bin/versitygw' "$STATE"; }

s3_data_dir() { printf '%s/data/s3' "$STATE"; }

s3_url() { printf 'http://127.0.0.1:%s' "$S3_PORT"; }

s3_install() { go_tool_install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" versitygw; }

s3_running_pid() { sv_pid s3; }

s3_ready() { curl -sf --max-time 2 -o /dev/null "$(s3_url)/health"; }

s3_start() {
  local pid
  if pid=$(s3_running_pid); then
    ok "S3 server already running (pid $pid)"
  else
    mkdir -p "$(s3_data_dir)"
    step "Starting the S3 server (versitygw): $(s3_url), data in $(s3_data_dir)"
    sv_start s3
    sv_wait s3 30 s3_ready || die "the S3 server did not start"
    ok "S3 server started (pid $(s3_running_pid))"
  fi
  s3_ensure_bucket
}

# The bucket, created private when missing, by the services' own client (shared/src/storage) against
# the server this stack runs, whatever S3_ENDPOINT names.
s3_ensure_bucket() {
  S3_ENDPOINT=$(s3_url) node "$FOCUSHUB_ROOT/scripts/s3/ensure-bucket.ts" >>"$(log_file s3-bucket)" 2>&1 ||
    { show_log_tail s3-bucket; die "could not create the bucket $S3_BUCKET on the S3 server"; }
  ok "bucket $S3_BUCKET ready (private)"
}

# As supervisord runs it, in the foreground. The root credentials go by environment, not argv (ps shows argv).
s3_exec() {
  ROOT_ACCESS_KEY_ID=$S3_ACCESS_KEY_ID ROOT_SECRET_ACCESS_KEY=$S3_SECRET_ACCESS_KEY \
    exec "$(s3_bin)" --port "127.0.0.1:$S3_PORT" --region "$S3_REGION" --health /health --quiet \
    posix "$(s3_data_dir)"
}
