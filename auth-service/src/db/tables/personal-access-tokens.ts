import type { Generated, Selectable } from 'kysely'

/** What a token is for: a personal access token, or a calendar feed's secret URL (read-only, never expires). */
export type TokenKind = 'personal' | 'calendar'

/** One row per personal access token or calendar feed; a revoked one stays, for the audit log's references. */
export interface PersonalAccessTokensTable {
  id: string
  user_id: string
  kind: TokenKind
  name: string
  /** `tasks:read`, `habits:write` … (shared/src/auth/scopes.ts). */
  scopes: string[]
  /** sha256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string
  /** The token's first characters, to tell tokens apart in a list. */
  token_hint: string
  created_at: Generated<Date>
  /** Null for a calendar feed only. */
  expires_at: Date | null
  last_used_at: Date | null
  revoked_at: Date | null
}

export type PersonalAccessTokenRow = Selectable<PersonalAccessTokensTable>
