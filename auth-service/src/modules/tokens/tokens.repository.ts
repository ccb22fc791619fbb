import { type Kysely, sql } from 'kysely'
import type { PersonalAccessTokenRow } from '../../db/tables/personal-access-tokens.ts'
import type { Database } from '../../db/tables.ts'

export type NewTokenRow = Pick<
  PersonalAccessTokenRow,
  'id' | 'user_id' | 'kind' | 'name' | 'scopes' | 'token_hash' | 'token_hint' | 'expires_at'
>

export async function insertToken(db: Kysely<Database>, row: NewTokenRow) {
  return db.insertInto('personal_access_tokens').values(row).returningAll().executeTakeFirstOrThrow()
}

/** The user's personal access tokens not revoked (expired ones included, until revoked), newest first. */
export async function listLiveTokens(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('personal_access_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'personal')
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute()
}

/** The user's personal access tokens still usable (neither revoked nor expired): what the limit counts. */
export async function countUsableTokens(db: Kysely<Database>, userId: string) {
  const { count } = await db
    .selectFrom('personal_access_tokens')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('kind', '=', 'personal')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirstOrThrow()
  return Number(count)
}

/** Revokes one of the user's personal access tokens; undefined when it is not theirs or already revoked. */
export async function revokeToken(db: Kysely<Database>, userId: string, id: string) {
  return db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('kind', '=', 'personal')
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst()
}

/** The user's live calendar feed, if any. */
export async function findCalendarFeed(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('personal_access_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', 'calendar')
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

/** Revokes the user's live calendar feed; its id, or undefined when there was none. */
export async function revokeCalendarFeed(db: Kysely<Database>, userId: string) {
  const row = await db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('kind', '=', 'calendar')
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return row?.id
}

/**
 * A usable token by its digest, with its owner's role and whether the owner may act: one index look-up.
 * Its last use is written at most once a minute.
 */
export async function useToken(db: Kysely<Database>, tokenHash: string) {
  const row = await db
    .selectFrom('personal_access_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      't.kind',
      't.scopes',
      't.expires_at',
      't.last_used_at',
      'u.status',
      'u.deleted_at',
      'u.timezone',
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst()
  if (row && (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000)) {
    await db
      .updateTable('personal_access_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute()
  }
  return row
}
