import type { ModerationStatus, ReportReason, TargetType } from '../../db/tables/moderation.ts'
import type { CaseRow, ReportOfCaseRow } from './cases.repository.ts'
import type { LogRow } from './moderation-log.repository.ts'

const iso = (time: Date | null) => (time ? time.toISOString() : null)

export const toReport = (row: {
  id: string
  target_type: TargetType
  target_id: string
  reason: ReportReason
  details: string | null
  status: ModerationStatus
  created_at: Date
  resolved_at: Date | null
}) => ({
  id: row.id,
  target: { type: row.target_type, id: row.target_id },
  reason: row.reason,
  details: row.details,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  resolvedAt: iso(row.resolved_at),
})

/** Reasons by count, most reported first. */
const reasonsOf = (reasons: Record<string, number>) =>
  Object.entries(reasons)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason: reason as ReportReason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))

export const toCase = (row: CaseRow) => ({
  id: row.id,
  target: { type: row.target_type, id: row.target_id },
  subject: { userId: row.subject_id, displayName: row.subject_name, handle: row.subject_handle },
  snapshot:
    row.snapshot_text !== null && row.snapshot_created_at
      ? { text: row.snapshot_text, createdAt: row.snapshot_created_at.toISOString() }
      : null,
  reportCount: row.report_count,
  reasons: reasonsOf(row.reasons),
  openedAt: row.opened_at.toISOString(),
  lastReportedAt: row.last_reported_at.toISOString(),
  status: row.status,
  resolution:
    row.decision && row.resolved_by && row.resolved_at
      ? {
          decision: row.decision,
          hide: row.hide,
          warn: row.warn,
          suspendedUntil: iso(row.suspended_until),
          reason: row.resolution_reason,
          by: { userId: row.resolved_by, displayName: row.resolver_name },
          at: row.resolved_at.toISOString(),
        }
      : null,
})

export const toReportOfCase = (row: ReportOfCaseRow) => ({
  id: row.id,
  reporter: { userId: row.reporter_id, displayName: row.reporter_name },
  reason: row.reason,
  details: row.details,
  createdAt: row.created_at.toISOString(),
})

export const toLogEntry = (row: LogRow) => ({
  id: row.id,
  actor: { userId: row.actor_id, displayName: row.actor_name },
  action: row.action,
  caseId: row.case_id,
  target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
  subjectId: row.subject_id,
  reason: row.reason,
  at: row.at.toISOString(),
})
