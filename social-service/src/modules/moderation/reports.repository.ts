import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ReportReason, TargetType } from '../../db/tables/moderation.ts'
import type { Database } from '../../db/tables.ts'

type Target = { type: TargetType; id: string }

export const reportColumns = [
  'id',
  'target_type',
  'target_id',
  'reason',
  'details',
  'status',
  'created_at',
  'resolved_at',
] as const

/** Serializes one user's reports (their daily quota is counted, then spent, in one transaction at a time). */
export async function lockReporter(db: Kysely<Database>, userId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`social.reports:${userId}`}, 0))`.execute(db)
}

/** The reporter's open report of the target, if any (`social_reports_open`). */
export const openReportOf = (db: Kysely<Database>, reporterId: string, target: Target) =>
  db
    .selectFrom('social_reports')
    .select(reportColumns)
    .where('reporter_id', '=', reporterId)
    .where('target_type', '=', target.type)
    .where('target_id', '=', target.id)
    .where('status', '=', 'open')
    .executeTakeFirst()

/** The reporter's reports since `since`, newest first, at most `max` (a backward range of `social_reports_day`). */
export async function reportsSince(db: Kysely<Database>, reporterId: string, since: Date, max: number) {
  const rows = await db
    .selectFrom('social_reports')
    .select('created_at')
    .where('reporter_id', '=', reporterId)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(max)
    .execute()
  return rows.map((row) => row.created_at)
}

/**
 * The open case of the target, which this report joins (its count and reasons move), or a new one whose
 * snapshot is the target's text now. One statement on the unique `social_cases_target`, so two first
 * reports at once open one case.
 */
export async function joinCase(
  db: Kysely<Database>,
  report: { target: Target; subjectId: string; reason: ReportReason; at: Date },
  snapshot: { text: string | null; created_at: Date | null },
) {
  const result = await sql<{ id: string }>`
    insert into social_moderation_cases as k (id, target_type, target_id, subject_id, snapshot_text,
      snapshot_created_at, report_count, reasons, opened_at, last_reported_at)
    values (${uuidv7()}, ${report.target.type}, ${report.target.id}, ${report.subjectId}, ${snapshot.text},
      ${snapshot.created_at}, 1, jsonb_build_object(${report.reason}::text, 1), ${report.at}, ${report.at})
    on conflict (target_type, target_id) where status = 'open' do update set
      report_count = k.report_count + 1,
      reasons = k.reasons || jsonb_build_object(${report.reason}::text, coalesce((k.reasons ->> ${report.reason})::integer, 0) + 1),
      last_reported_at = excluded.last_reported_at
    returning k.id`.execute(db)
  return result.rows[0].id
}

export const insertReport = (
  db: Kysely<Database>,
  report: {
    reporter_id: string
    case_id: string
    target: Target
    reason: ReportReason
    details: string | null
    created_at: Date
  },
) =>
  db
    .insertInto('social_reports')
    .values({
      id: uuidv7(),
      reporter_id: report.reporter_id,
      case_id: report.case_id,
      target_type: report.target.type,
      target_id: report.target.id,
      reason: report.reason,
      details: report.details,
      created_at: report.created_at,
      resolved_at: null,
    })
    .returning(reportColumns)
    .executeTakeFirstOrThrow()

/** A page of the reporter's reports, newest first, before the cursor's id (a backward range of `social_reports_reporter`). */
export function reportPage(db: Kysely<Database>, reporterId: string, before: string | undefined, rows: number) {
  let query = db
    .selectFrom('social_reports')
    .select(reportColumns)
    .where('reporter_id', '=', reporterId)
    .orderBy('id', 'desc')
    .limit(rows)
  if (before) query = query.where('id', '<', before)
  return query.execute()
}

/** Resolves the case's open reports with it; answers each one's id and reporter (whom to tell). */
export const resolveReports = (db: Kysely<Database>, caseId: string, outcome: 'actioned' | 'dismissed', at: Date) =>
  db
    .updateTable('social_reports')
    .set({ status: outcome, resolved_at: at })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .returning(['id', 'reporter_id'])
    .execute()
