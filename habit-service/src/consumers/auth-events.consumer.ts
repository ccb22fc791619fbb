import { accountEventHandlers } from '@focushub/shared/events'
import type { HabitWork } from '../events/habit-work.ts'
import { eraseUserData } from '../modules/habits/user-erasure.repository.ts'

/** auth.user.* → profiles, refused tokens, and a deleted user's habits and rewards erased. */
export const authEventHandlers = accountEventHandlers<HabitWork>({
  erase: (work, userId) => eraseUserData(work.trx, userId),
})
