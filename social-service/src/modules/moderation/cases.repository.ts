import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { ModerationCasesTable, ModerationStatus, ReportReason } from '../../db/tables/moderation.ts'
import type { Database } from '../../db/tables.ts'

/** A case as moderators read it: its subject's name and handle, its resolver's name. */
export type CaseRow = Omit<ModerationCasesTable, 'reasons' | 'status' | 'hide' | 'warn'> & {
  reasons: Record<string, number>
  status: ModerationStatus
  hide: boolean
  warn: boolean
  subject_name: string | null
  subject_handle: string | null
  resolver_name: string | null
}

/**
 * The cases `picked` selects (a query of one column `id`, already limited to a page), in `order`: the page
 * is chosen from its index first, then only its rows are joined to the profiles.
 */
async function casesOf(db: Kysely<Database>, picked: RawBuilder<unknown>, order = sql`k.id`) {
  const result = await sql<CaseRow>`
    select k.*, su.display_name as subject_name, ss.handle as subject_handle, ru.display_name as resolver_name
    from (${picked}) o
    join social_moderation_cases k on k.id = o.id
    left join user_profiles su on su.user_id = k.subject_id
    left join social_profiles ss on ss.user_id = k.subject_id
    left join user_profiles ru on ru.user_id = k.resolved_by
    order by ${order}`.execute(db)
  return result.rows
}

export const caseById = async (db: Kysely<Database>, caseId: string) =>
  (await casesOf(db, sql`select ${caseId}::uuid as id`))[0]

/** Open cases, oldest opened first, after the cursor (a forward range of `social_cases_queue`). */
export const openCasePage = (db: Kysely<Database>, after: readonly [Date, string] | undefined, rows: number) =>
  casesOf(
    db,
    sql`
      select id from social_moderation_cases
      where status = 'open' and ${after ? sql`(opened_at, id) > (${after[0]}, ${after[1]}::uuid)` : sql`true`}
      order by opened_at, id
      limit ${rows}`,
    sql`k.opened_at, k.id`,
  )

/** Closed cases, newest resolved first, after the cursor (a backward range of `social_cases_closed`). */
export const closedCasePage = (db: Kysely<Database>, after: readonly [Date, string] | undefined, rows: number) =>
  casesOf(
    db,
    sql`
      select id from social_moderation_cases
      where status <> 'open' and ${after ? sql`(resolved_at, id) < (${after[0]}, ${after[1]}::uuid)` : sql`true`}
      order by resolved_at desc, id desc
      limit ${rows}`,
    sql`k.resolved_at desc, k.id desc`,
  )

export interface ReportOfCaseRow {
  id: string
  reporter_id: string
  reporter_name: string | null
  reason: ReportReason
  details: string | null
  created_at: Date
}

/** A case's reports, oldest first, at most `rows` (a forward range of `social_reports_case`). */
export const reportsOfCase = async (db: Kysely<Database>, caseId: string, rows: number) =>
  (
    await sql<ReportOfCaseRow>`
      select r.id, r.reporter_id, u.display_name as reporter_name, r.reason, r.details, r.created_at
      from (select * from social_reports where case_id = ${caseId} order by id limit ${rows}) r
      left join user_profiles u on u.user_id = r.reporter_id
      order by r.id`.execute(db)
  ).rows

/** The case, locked for its resolution (two moderators at once: the second finds it closed). */
export const lockCase = (db: Kysely<Database>, caseId: string) =>
  db
    .selectFrom('social_moderation_cases')
    .select(['id', 'target_type', 'target_id', 'subject_id', 'status'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst()

export const closeCase = (
  db: Kysely<Database>,
  caseId: string,
  resolution: {
    status: 'actioned' | 'dismissed'
    decision: 'dismiss' | 'act'
    hide: boolean
    warn: boolean
    suspended_until: Date | null
    resolution_reason: string | null
    resolved_by: string
    resolved_at: Date
  },
) => db.updateTable('social_moderation_cases').set(resolution).where('id', '=', caseId).execute()
