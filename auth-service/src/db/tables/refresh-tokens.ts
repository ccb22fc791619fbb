import type { Generated, Selectable } from 'kysely'

/** One row per refresh token ever issued; a sign-in's rotations share a family_id. */
export interface RefreshTokensTable {
  id: string
  family_id: string
  user_id: string
  /** sha256 of the opaque token, hex: the token itself is never stored. */
  token_hash: string
  created_at: Generated<Date>
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
}

export type RefreshTokenRow = Selectable<RefreshTokensTable>
