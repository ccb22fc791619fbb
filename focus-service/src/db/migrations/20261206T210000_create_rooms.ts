import { type Kysely, sql } from 'kysely'

/**
 * Focus rooms: a host's room with one shared timer, its participants (a user is in at most one room),
 * bans, invitations by user and by link, chat and reports. A timed session a room drives names it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A trusted extension the database owner creates once, in public, so no test schema owns it.
  await sql`create extension if not exists pg_trgm schema public`.execute(db)

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('host_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'private')`))
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 2 and 50`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('anyone_controls', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('work_minutes', 'integer', (c) => c.notNull())
    .addColumn('short_break_minutes', 'integer', (c) => c.notNull())
    .addColumn('long_break_minutes', 'integer', (c) => c.notNull())
    .addColumn('cycles_before_long_break', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'closed')`))
    .addColumn('timer_status', 'text', (c) =>
      c.notNull().defaultTo('idle').check(sql`timer_status in ('idle', 'running', 'paused')`),
    )
    .addColumn('phase', 'text', (c) => c.check(sql`phase in ('work', 'short_break', 'long_break')`))
    .addColumn('cycle', 'integer')
    .addColumn('phase_started_at', 'timestamptz')
    .addColumn('phase_ends_at', 'timestamptz')
    .addColumn('phase_remaining_ms', 'integer')
    .addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('empty_since', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  // The directory: open public rooms, fullest first, then newest. Both keys descending, so the page
  // cursor `(participant_count, id) < ($count, $id)` is one index range and no page sorts.
  await sql`create index rooms_directory on rooms (participant_count desc, id desc)
    where status = 'open' and visibility = 'public'`.execute(db)
  await sql`create index rooms_directory_tags on rooms using gin (tags)
    where status = 'open' and visibility = 'public'`.execute(db)
  await sql`create index rooms_directory_name on rooms using gin (lower(name) public.gin_trgm_ops)
    where status = 'open' and visibility = 'public'`.execute(db)
  // What `lower(name) like '%…%'` matches, for the planner: a rare part of the name is then looked up in the
  // trigram index, a common one read off rooms_directory until a page is full (without these statistics a
  // missing name walked all 96,000 listed rooms: 317 ms instead of 0.05 ms).
  await sql`create statistics rooms_name_lower on (lower(name)) from rooms`.execute(db)
  // The sweepers: phases that end, rooms left empty.
  await sql`create index rooms_phase_due on rooms (phase_ends_at) where timer_status = 'running'`.execute(db)
  await sql`create index rooms_empty on rooms (empty_since) where status = 'open' and empty_since is not null`.execute(
    db,
  )
  await db.schema.createIndex('rooms_host').on('rooms').columns(['host_id']).execute()

  await db.schema
    .createTable('room_participants')
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('away', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('in_timer', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('task_id', 'uuid')
    .addColumn('habit_id', 'uuid')
    .addColumn('muted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('chat_tokens', 'real', (c) => c.notNull())
    .addColumn('chat_refilled_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_participants_pkey', ['room_id', 'user_id'])
    .execute()
  // Presence: who has gone quiet (→ away) and who has been away too long (→ leaves).
  await db.schema
    .createIndex('room_participants_seen')
    .on('room_participants')
    .columns(['away', 'last_seen_at'])
    .execute()

  await db.schema
    .createTable('room_bans')
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('banned_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_bans_pkey', ['room_id', 'user_id'])
    .execute()
  await db.schema.createIndex('room_bans_user').on('room_bans').columns(['user_id']).execute()
  // A room's bans as its host lists them, newest first.
  await db.schema
    .createIndex('room_bans_room_created')
    .on('room_bans')
    .columns(['room_id', 'created_at', 'user_id'])
    .execute()

  await db.schema
    .createTable('room_invitations')
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('invited_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_invitations_pkey', ['room_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('room_invitations_user')
    .on('room_invitations')
    .columns(['user_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('room_invite_links')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('room_invite_links_room').on('room_invite_links').columns(['room_id', 'id']).execute()

  await db.schema
    .createTable('room_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('room_messages_room').on('room_messages').columns(['room_id', 'id']).execute()
  await db.schema.createIndex('room_messages_user').on('room_messages').columns(['user_id']).execute()

  // A report keeps what it is about (the message's text and author), as the room's chat ends with the room.
  await db.schema
    .createTable('room_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('room_id', 'uuid', (c) => c.notNull())
    .addColumn('reporter_id', 'uuid', (c) => c.notNull())
    .addColumn('message_id', 'uuid')
    .addColumn('message_author_id', 'uuid')
    .addColumn('message_body', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid')
    .execute()
  await sql`create index room_reports_open on room_reports (id) where resolved_at is null`.execute(db)
  await db.schema.createIndex('room_reports_reporter').on('room_reports').columns(['reporter_id']).execute()

  // The room that drives a timed session (null for solo and logged ones); kept as history once it ends.
  await sql`alter table focus_sessions add column room_id uuid`.execute(db)
}
