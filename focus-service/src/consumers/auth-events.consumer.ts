import { accountEventHandlers, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { eraseUserData } from '../modules/sessions/user-erasure.repository.ts'

/** auth.user.* → the users' day boundaries, refused tokens, and a deleted user's sessions and totals erased. */
export const authEventHandlers = accountEventHandlers<UnitOfWork<Database>>({
  erase: (work, userId) => eraseUserData(work.trx, userId),
})
