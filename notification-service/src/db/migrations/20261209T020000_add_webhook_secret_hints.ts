import { type Kysely, sql } from 'kysely'

/**
 * Webhook secrets are sealed at rest from now on (secret-box.ts): the list's hint of each (its first
 * characters) gets a column of its own, taken from the secrets still stored as they are; the service
 * seals those at start.
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table webhooks add column secret_hint text not null default ''`.execute(db)
  await sql`update webhooks set secret_hint = left(secret, 12) where secret like 'whsec\\_%'`.execute(db)
}
