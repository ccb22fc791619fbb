import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

/**
 * What moderation keeps of a deleted user. Their reports go (with their details); each open case they had
 * reported is recounted from the reports left, and one left with none goes too. Every case about them loses
 * its snapshot; their open ones close as dismissed, without a resolver (nobody decided) and without telling
 * the reporters, whose open reports of them close with them. Their suspension goes. The log keeps its rows,
 * which hold ids and the moderators' reasons only.
 */
export async function eraseModeration(db: Kysely<Database>, userId: string) {
  const reported = await db
    .deleteFrom('social_reports')
    .where('reporter_id', '=', userId)
    .returning('case_id')
    .execute()
  const caseIds = [...new Set(reported.map((row) => row.case_id))]
  if (caseIds.length > 0) {
    await sql`
      update social_moderation_cases k set
        report_count = r.n,
        reasons = r.reasons,
        last_reported_at = coalesce(r.last, k.opened_at)
      from (
        select k2.id, count(x.id)::integer as n, max(x.created_at) as last,
          coalesce((select jsonb_object_agg(g.reason, g.n) from (
            select reason, count(*) as n from social_reports where case_id = k2.id group by reason) g), '{}') as reasons
        from social_moderation_cases k2 left join social_reports x on x.case_id = k2.id
        where k2.id = any(${caseIds}::uuid[]) and k2.status = 'open'
        group by k2.id
      ) r
      where k.id = r.id`.execute(db)
    await db
      .deleteFrom('social_moderation_cases')
      .where('id', 'in', caseIds)
      .where('status', '=', 'open')
      .where('report_count', '=', 0)
      .execute()
  }
  const now = sql<Date>`date_trunc('milliseconds', now())`
  const closed = await db
    .updateTable('social_moderation_cases')
    .set({ status: 'dismissed', resolved_at: now })
    .where('subject_id', '=', userId)
    .where('status', '=', 'open')
    .returning('id')
    .execute()
  await db
    .updateTable('social_moderation_cases')
    .set({ snapshot_text: null, snapshot_created_at: null })
    .where('subject_id', '=', userId)
    .execute()
  if (closed.length > 0)
    await db
      .updateTable('social_reports')
      .set({ status: 'dismissed', resolved_at: now })
      .where(
        'case_id',
        'in',
        closed.map((row) => row.id),
      )
      .where('status', '=', 'open')
      .execute()
  await db.deleteFrom('social_suspensions').where('user_id', '=', userId).execute()
}
