import { type Kysely, sql } from 'kysely'

/**
 * The rooms a host made, in id order (an account's export pages through them, closed ones too, which
 * stay): (host_id, id) serves every read by host_id that (host_id) served, so it replaces it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index rooms_host_id on rooms (host_id, id)`.execute(db)
  await sql`drop index rooms_host`.execute(db)
}
