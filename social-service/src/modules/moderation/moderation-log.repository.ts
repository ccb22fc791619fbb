import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ModerationAction, TargetType } from '../../db/tables/moderation.ts'
import type { Database } from '../../db/tables.ts'

export interface LogRow {
  id: string
  actor_id: string
  actor_name: string | null
  action: ModerationAction
  case_id: string | null
  target_type: TargetType | null
  target_id: string | null
  subject_id: string
  reason: string | null
  at: Date
}

/** Appends one action to the log, in the action's transaction. */
export const logAction = (
  db: Kysely<Database>,
  entry: {
    actor_id: string
    action: ModerationAction
    case_id: string | null
    target: { type: TargetType; id: string } | null
    subject_id: string
    reason: string | null
    at: Date
  },
) =>
  db
    .insertInto('social_moderation_log')
    .values({
      id: uuidv7(),
      actor_id: entry.actor_id,
      action: entry.action,
      case_id: entry.case_id,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      subject_id: entry.subject_id,
      reason: entry.reason,
      at: entry.at,
    })
    .execute()

/**
 * A page of the log, newest first, before the cursor's id: one subject's (a backward range of
 * `social_moderation_log_subject`) or everyone's (of the primary key); each with its moderator's name.
 */
export const logPage = async (
  db: Kysely<Database>,
  subjectId: string | undefined,
  before: string | undefined,
  rows: number,
) =>
  (
    await sql<LogRow>`
      select l.*, u.display_name as actor_name
      from (
        select * from social_moderation_log
        where ${subjectId ? sql`subject_id = ${subjectId}` : sql`true`}
          and ${before ? sql`id < ${before}::uuid` : sql`true`}
        order by id desc
        limit ${rows}
      ) l
      left join user_profiles u on u.user_id = l.actor_id
      order by l.id desc`.execute(db)
  ).rows
