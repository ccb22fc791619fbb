import { type Kysely, sql } from 'kysely'

/**
 * A user's exports of their account: requested, built by a job into a ZIP in the object storage, and
 * forgotten (row and file) once they expire. One at a time is being built per user.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table account_exports (
      id uuid primary key,
      user_id uuid not null,
      state text not null default 'pending' check (state in ('pending', 'ready', 'failed')),
      object_key text,
      size_bytes bigint,
      contents jsonb,
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      expires_at timestamptz
    )`.execute(db)
  await sql`create index account_exports_by_user on account_exports (user_id, id desc)`.execute(db)
  await sql`create unique index account_exports_one_pending on account_exports (user_id) where state = 'pending'`.execute(
    db,
  )
  await sql`create index account_exports_expiry on account_exports (expires_at) where expires_at is not null`.execute(
    db,
  )

  // Its owner is told when their export is ready to download.
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db)
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation', 'task_reminder',
     'daily_agenda', 'streak_at_risk', 'weekly_review', 'friend_request', 'friend_accepted', 'new_follower',
     'direct_message', 'webhook_disabled', 'export_ready'))`.execute(db)
}
