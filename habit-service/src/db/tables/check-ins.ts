import type { Generated, Selectable } from 'kysely'
import type { CheckInStatus } from '../../schemas/habits.ts'

export type CheckInSource = 'user' | 'focus'

/** One habit's record for one local day of its owner, fixed when written. */
export interface CheckInsTable {
  habit_id: string
  user_id: string
  local_date: string
  status: CheckInStatus
  value: number | null
  source: CheckInSource
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type CheckInRow = Selectable<CheckInsTable>
