import type { Generated, Selectable } from 'kysely'

/** One row per personal access token; a revoked one stays, for the audit log's references. */
export interface PersonalAccessTokensTable {
  id: string
  user_id: string
  name: string
  /** `tasks:read`, `habits:write` … (shared/src/auth/scopes.ts). */
  scopes: string[]
  /** sha256 of the token, hex: the token itself is shown once and never stored. */
  token_hash: string
  /** The token's first characters, to tell tokens apart in a list. */
  token_hint: string
  created_at: Generated<Date>
  expires_at: Date
  last_used_at: Date | null
  revoked_at: Date | null
}

export type PersonalAccessTokenRow = Selectable<PersonalAccessTokensTable>
