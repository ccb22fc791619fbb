import { type Kysely, sql } from 'kysely'

/**
 * One of a user's writes of a kind (`purpose`: `webhooks`, `exports`, `import`) at a time, until the
 * transaction ends: what counts the user's rows before adding one (a limit) sees the others' made.
 */
export async function lockUser<DB>(trx: Kysely<DB>, purpose: string, userId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${purpose}:${userId}`}, 0))`.execute(trx)
}
