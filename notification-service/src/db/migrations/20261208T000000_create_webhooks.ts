import { type Kysely, sql } from 'kysely'

/**
 * Outgoing webhooks: a user's (or a project owner's, for the project) subscriptions of a URL to event
 * types; one delivery per webhook and event (its id the receiver's de-duplication key), and each attempt
 * of it logged with its answer's status and timing.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table webhooks (
      id uuid primary key,
      user_id uuid not null,
      project_id uuid,
      url text not null,
      description text not null default '',
      event_types text[] not null,
      secret text not null,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      enabled boolean not null default true,
      disabled_reason text check (disabled_reason in ('failing')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index webhooks_by_user on webhooks (user_id, id desc)`.execute(db)

  await sql`
    create table webhook_deliveries (
      id uuid primary key,
      webhook_id uuid not null references webhooks (id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      payload jsonb not null,
      state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      last_status integer,
      last_error text,
      last_duration_ms integer,
      created_at timestamptz not null default now(),
      retrying_since timestamptz not null default now(),
      next_attempt_at timestamptz,
      delivered_at timestamptz,
      unique (webhook_id, event_id)
    )`.execute(db)
  await sql`create index webhook_deliveries_by_webhook on webhook_deliveries (webhook_id, id desc)`.execute(db)

  await sql`
    create table webhook_attempts (
      delivery_id uuid not null references webhook_deliveries (id) on delete cascade,
      number integer not null,
      attempted_at timestamptz not null,
      status integer,
      error text,
      duration_ms integer not null,
      primary key (delivery_id, number)
    )`.execute(db)

  // Its owner is told when FocusHub turns a failing webhook off.
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db)
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation', 'task_reminder',
     'daily_agenda', 'streak_at_risk', 'weekly_review', 'friend_request', 'friend_accepted', 'new_follower',
     'direct_message', 'webhook_disabled'))`.execute(db)
}
