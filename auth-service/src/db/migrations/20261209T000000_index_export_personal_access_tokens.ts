import { type Kysely, sql } from 'kysely'

/**
 * Every token of a user in id order, revoked ones too (an account's export pages through them): the live
 * tokens' index leaves the revoked out, which pile up as tokens are replaced.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create index personal_access_tokens_user on personal_access_tokens (user_id, id)`.execute(db)
}
