import type { Generated } from 'kysely'

export type TargetType = 'post' | 'comment' | 'message' | 'user'
export type ReportReason = 'spam' | 'harassment' | 'hate' | 'violence' | 'sexual' | 'self-harm' | 'other'
export type ModerationStatus = 'open' | 'actioned' | 'dismissed'
export type ModerationAction = 'dismiss' | 'hide' | 'warn' | 'suspend' | 'lift_suspension'

/** One per target while open; resolved, it keeps its decision. The snapshot is the text at the first report. */
export interface ModerationCasesTable {
  id: string
  target_type: TargetType
  target_id: string
  /** Whom it is about: the content's author, or the reported user. */
  subject_id: string
  /** Null for a user target, and once the subject's account is deleted. */
  snapshot_text: string | null
  snapshot_created_at: Date | null
  report_count: number
  /** Reports by reason: `{ spam: 2, … }`. */
  reasons: Generated<Record<string, number>>
  opened_at: Date
  last_reported_at: Date
  status: Generated<ModerationStatus>
  decision: 'dismiss' | 'act' | null
  hide: Generated<boolean>
  warn: Generated<boolean>
  suspended_until: Date | null
  resolution_reason: string | null
  /** Null when the case closed with its subject's account. */
  resolved_by: string | null
  resolved_at: Date | null
}

export interface ReportsTable {
  id: string
  reporter_id: string
  case_id: string
  target_type: TargetType
  target_id: string
  reason: ReportReason
  details: string | null
  status: Generated<ModerationStatus>
  created_at: Date
  resolved_at: Date | null
}

/** Append-only: one row per moderator action, ids only besides the moderator's reason. */
export interface ModerationLogTable {
  id: string
  actor_id: string
  action: ModerationAction
  case_id: string | null
  target_type: TargetType | null
  target_id: string | null
  subject_id: string
  reason: string | null
  at: Date
}

/** A user's suspension from social features (in force while `until` is ahead). */
export interface SuspensionsTable {
  user_id: string
  since: Date
  until: Date
  reason: string
}

export interface ModerationDatabase {
  social_moderation_cases: ModerationCasesTable
  social_reports: ReportsTable
  social_moderation_log: ModerationLogTable
  social_suspensions: SuspensionsTable
}
