import { type Kysely, sql } from 'kysely'

/**
 * Social moderation: reports, the cases they open (one per target while open), the append-only log of
 * moderator actions, and suspensions from social features. Ids are UUIDv7 (time-ordered).
 * - `social_reports_reporter` (reporter_id, id): my reports newest first; `social_reports_day`
 *   (reporter_id, created_at) counts a reporter's last day; `social_reports_open` is unique per reporter and
 *   target while open (reporting again finds it); `social_reports_case` (case_id, id): a case's reports.
 * - `social_cases_target` is unique per target while open (a new report joins the open case);
 *   `social_cases_queue` (opened_at, id) where open is the queue, oldest first; `social_cases_closed`
 *   (resolved_at, id) where closed, newest resolved first; `social_cases_subject` finds a user's cases.
 * - `social_moderation_log_subject` (subject_id, id): a subject's log; two partial ranges of it serve
 *   standing: `…_warnings` and `…_hidden`.
 * - `social_suspensions`: one row per user while a suspension was given (until, reason, since).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table social_moderation_cases (
      id uuid primary key,
      target_type text not null check (target_type in ('post', 'comment', 'message', 'user')),
      target_id uuid not null,
      subject_id uuid not null,
      snapshot_text text,
      snapshot_created_at timestamptz,
      report_count integer not null check (report_count >= 0),
      reasons jsonb not null default '{}',
      opened_at timestamptz not null,
      last_reported_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'actioned', 'dismissed')),
      decision text check (decision in ('dismiss', 'act')),
      hide boolean not null default false,
      warn boolean not null default false,
      suspended_until timestamptz,
      resolution_reason text,
      resolved_by uuid,
      resolved_at timestamptz,
      check ((status = 'open') = (resolved_at is null))
    )`.execute(db)
  await sql`
    create unique index social_cases_target on social_moderation_cases (target_type, target_id)
    where status = 'open'`.execute(db)
  await sql`create index social_cases_queue on social_moderation_cases (opened_at, id) where status = 'open'`.execute(
    db,
  )
  await sql`
    create index social_cases_closed on social_moderation_cases (resolved_at, id) where status <> 'open'`.execute(db)
  await sql`create index social_cases_subject on social_moderation_cases (subject_id)`.execute(db)
  await sql`
    create table social_reports (
      id uuid primary key,
      reporter_id uuid not null,
      case_id uuid not null references social_moderation_cases (id) on delete cascade,
      target_type text not null check (target_type in ('post', 'comment', 'message', 'user')),
      target_id uuid not null,
      reason text not null
        check (reason in ('spam', 'harassment', 'hate', 'violence', 'sexual', 'self-harm', 'other')),
      details text check (char_length(details) <= 1000),
      status text not null default 'open' check (status in ('open', 'actioned', 'dismissed')),
      created_at timestamptz not null default date_trunc('milliseconds', now()),
      resolved_at timestamptz
    )`.execute(db)
  await sql`create index social_reports_reporter on social_reports (reporter_id, id)`.execute(db)
  await sql`create index social_reports_day on social_reports (reporter_id, created_at)`.execute(db)
  await sql`
    create unique index social_reports_open on social_reports (reporter_id, target_type, target_id)
    where status = 'open'`.execute(db)
  await sql`create index social_reports_case on social_reports (case_id, id)`.execute(db)
  await sql`
    create table social_moderation_log (
      id uuid primary key,
      actor_id uuid not null,
      action text not null check (action in ('dismiss', 'hide', 'warn', 'suspend', 'lift_suspension')),
      case_id uuid references social_moderation_cases (id),
      target_type text check (target_type in ('post', 'comment', 'message', 'user')),
      target_id uuid,
      subject_id uuid not null,
      reason text,
      at timestamptz not null
    )`.execute(db)
  await sql`create index social_moderation_log_subject on social_moderation_log (subject_id, id)`.execute(db)
  await sql`
    create index social_moderation_log_warnings on social_moderation_log (subject_id, id)
    where action = 'warn'`.execute(db)
  await sql`
    create index social_moderation_log_hidden on social_moderation_log (subject_id, id)
    where action = 'hide'`.execute(db)
  await sql`
    create table social_suspensions (
      user_id uuid primary key,
      since timestamptz not null,
      until timestamptz not null,
      reason text not null,
      check (until > since)
    )`.execute(db)
}
