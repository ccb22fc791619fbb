import type { ColumnType, Generated, Selectable } from 'kysely'

/** Admin actions and security events, append-only. */
export interface AuditLogTable {
  id: string
  /** Who acted; null for what the service itself detected (a reused refresh token). */
  actor_id: string | null
  action: string
  target_user_id: string | null
  details: ColumnType<Record<string, unknown>, string, never>
  request_id: string
  ip: string | null
  created_at: Generated<Date>
}

export type AuditRow = Selectable<AuditLogTable>
