import { type Kysely, sql } from 'kysely'

/**
 * Social profiles, and the display names of the shared profile (null until an event brings them).
 * People are found by a prefix of their display name or handle, lower-cased: each is a btree in the "C"
 * collation, so `like 'pre%'` is an index range and that range is already in the order a page is served.
 * The handle's index is also what makes handles unique whatever their case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table user_profiles add column display_name text`.execute(db)
  await sql`create index user_profiles_display_name_prefix on user_profiles ((lower(display_name) collate "C"), user_id)`.execute(
    db,
  )
  await sql`
    create table social_profiles (
      user_id uuid primary key,
      handle text check (handle ~ '^[A-Za-z0-9_]{3,30}$'),
      who_may_follow text not null default 'everyone' check (who_may_follow in ('everyone', 'nobody')),
      who_may_message text not null default 'everyone' check (who_may_message in ('everyone', 'friends', 'nobody')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create unique index social_profiles_handle on social_profiles ((lower(handle) collate "C"))`.execute(db)
}
