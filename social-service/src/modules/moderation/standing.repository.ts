import { type Kysely, sql } from 'kysely'
import type { TargetType } from '../../db/tables/moderation.ts'
import type { Database } from '../../db/tables.ts'

const shown = 20
const excerptCharacters = 120

/** My warnings, newest first (a backward range of the partial `social_moderation_log_warnings`). */
export const warningsOf = (db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('social_moderation_log')
    .select(['id', 'reason', 'at'])
    .where('subject_id', '=', userId)
    .where('action', '=', 'warn')
    .orderBy('id', 'desc')
    .limit(shown)
    .execute()

/**
 * What of mine was hidden, newest first (a backward range of the partial `social_moderation_log_hidden`),
 * each with the start of its text: as it is now, or the case's snapshot once I deleted it.
 */
export const hiddenOf = async (db: Kysely<Database>, userId: string) =>
  (
    await sql<{ target_type: TargetType; target_id: string; reason: string | null; at: Date; excerpt: string | null }>`
      select l.target_type, l.target_id, l.reason, l.at,
        left(coalesce(p.body, c.body, nullif(m.body, ''), k.snapshot_text, ''), ${excerptCharacters}) as excerpt
      from (
        select * from social_moderation_log
        where subject_id = ${userId} and action = 'hide'
        order by id desc limit ${shown}
      ) l
      left join social_moderation_cases k on k.id = l.case_id
      left join posts p on l.target_type = 'post' and p.id = l.target_id
      left join post_comments c on l.target_type = 'comment' and c.id = l.target_id
      left join messages m on l.target_type = 'message' and m.id = l.target_id
      order by l.id desc`.execute(db)
  ).rows
