import { type ExportCollection, rowsOfUser, wholeCollection } from '@focushub/shared/exports'
import type { AuthContext } from '../../context.ts'
import type { PersonalAccessTokenRow } from '../../db/tables/personal-access-tokens.ts'
import { findUserById } from '../users/users.repository.ts'
import { toUser } from '../users/users.view.ts'

const iso = (time: Date | null) => time?.toISOString() ?? null

/**
 * A user's part of their export: their profile as GET /auth/me shows it, and every personal access token
 * and calendar feed they made, revoked ones too, each without its digest nor its hint (read along
 * personal_access_tokens (user_id, id)). Sign-ins are left out: no route shows them, and their rows hold
 * nothing of the user's but times.
 */
export const exportCollections = ({ db }: AuthContext): ExportCollection[] => [
  wholeCollection('profile', async (userId) => {
    const row = await findUserById(db, userId)
    return row && !row.deleted_at ? [toUser(row)] : []
  }),
  rowsOfUser(db, {
    name: 'personal-access-tokens',
    table: 'personal_access_tokens',
    user: 'user_id',
    toItem: (row: PersonalAccessTokenRow) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      scopes: row.scopes,
      createdAt: row.created_at.toISOString(),
      expiresAt: iso(row.expires_at),
      lastUsedAt: iso(row.last_used_at),
      revokedAt: iso(row.revoked_at),
    }),
  }),
]
