import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  // Trusted extension (a database owner may create it); in public, so no test schema owns it.
  await sql`create extension if not exists btree_gist schema public`.execute(db)
  await db.schema
    .createTable('focus_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('task_id', 'uuid')
    .addColumn('habit_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('timer', 'manual')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('running', 'paused', 'completed', 'abandoned')`),
    )
    .addColumn('work_minutes', 'smallint', (c) => c.notNull())
    .addColumn('short_break_minutes', 'smallint', (c) => c.notNull())
    .addColumn('long_break_minutes', 'smallint', (c) => c.notNull())
    .addColumn('cycles_before_long_break', 'smallint', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paused_at', 'timestamptz')
    .addColumn('pause_reason', 'text')
    .addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('ends_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('focused_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pomodoros', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('completed_by', 'text')
    .addColumn('local_date', 'date', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('focus_sessions_span', sql`ended_at is null or ended_at >= started_at`)
    .execute()
  // No two sessions of a user overlap in time; an unfinished one reaches to infinity.
  await sql`alter table focus_sessions add constraint focus_sessions_no_overlap exclude using gist
    (user_id with =, tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz)) with &&)`.execute(db)
  await sql`create unique index focus_sessions_one_active on focus_sessions (user_id) where status in ('running', 'paused')`.execute(
    db,
  )
  await sql`create index focus_sessions_due on focus_sessions (ends_at) where status = 'running'`.execute(db)
  await db.schema
    .createIndex('focus_sessions_history')
    .on('focus_sessions')
    .columns(['user_id', 'started_at', 'id'])
    .execute()

  await db.schema
    .createTable('session_pauses')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('focus_sessions.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('reason', 'text')
    .execute()
  await db.schema
    .createIndex('session_pauses_session')
    .on('session_pauses')
    .columns(['session_id', 'started_at'])
    .execute()
}
