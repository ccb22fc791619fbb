import type { ColumnType, Generated } from 'kysely'

/** Users a session is shared with, read-only. */
export interface SessionSharesTable {
  session_id: string
  recipient_id: string
  created_at: Generated<Date>
}

/** Public read-only links: only the SHA-256 of the token is kept. */
export interface PublicLinksTable {
  id: string
  session_id: string
  token_hash: string
  expires_at: Date
  revoked_at: Date | null
  created_at: Generated<Date>
}

export type ShareAction = 'shared' | 'unshared' | 'link_created' | 'link_revoked'

/** Every share action, append-only. */
export interface ShareAuditTable {
  id: string
  session_id: string
  actor_id: string
  action: ShareAction
  details: ColumnType<Record<string, unknown>, string, never>
  request_id: string
  created_at: Generated<Date>
}
