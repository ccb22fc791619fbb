import { type AppError, errors } from '@focushub/shared/errors'
import type { Kysely } from 'kysely'
import type { UserRow } from '../../db/tables/users.ts'
import type { Database } from '../../db/tables.ts'
import { authError } from '../../errors.ts'
import { findUserById } from './users.repository.ts'

/** 403 for an account that exists but may not act: the caller learns why, in plain words. */
export function inactiveAccount(row: Pick<UserRow, 'status'>): AppError {
  return row.status === 'suspended'
    ? authError('account-suspended', 'This account is suspended; contact an administrator')
    : authError('account-deactivated', 'This account is deactivated')
}

/** The token's user, who must still exist and be active: tokens of suspended users stop working at once here. */
export async function activeUser(db: Kysely<Database>, userId: string): Promise<UserRow> {
  const row = await findUserById(db, userId)
  if (!row || row.deleted_at) throw errors.unauthorized('This account no longer exists')
  if (row.status !== 'active') throw inactiveAccount(row)
  return row
}
