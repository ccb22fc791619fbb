import { type Kysely, sql } from 'kysely'

/**
 * What each import made, by the source's key of it (a Todoist file's project, a task of it): importing
 * the same file again finds them and makes nothing new.
 */
export async function up(db: Kysely<unknown>) {
  await sql`
    create table import_records (
      user_id uuid not null,
      source text not null,
      key text not null,
      object_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (user_id, source, key)
    )`.execute(db)
}
