import type { UnitOfWork } from '@focushub/shared/events'
import type { SessionRow } from '../../db/tables/focus-sessions.ts'
import type { Database } from '../../db/tables.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { sessionCreditOf } from '../sessions/session-transitions.ts'

/** focus.session.edited: the logged session's credit now, and what it credited before, so consumers move the difference. */
export async function recordEditedEvent(
  work: UnitOfWork<Database>,
  before: SessionRow,
  after: SessionRow,
  requestId: string,
) {
  const { focusedMinutes, startedAt, endedAt, localDate } = sessionCreditOf(before)
  recordFocusEvent(
    work,
    'focus.session.edited',
    { ...sessionCreditOf(after), previous: { focusedMinutes, startedAt, endedAt, localDate } },
    { userId: after.user_id, requestId },
  )
}

/** focus.session.deleted: the credit consumers take back. */
export async function recordDeletedEvent(work: UnitOfWork<Database>, row: SessionRow, requestId: string) {
  recordFocusEvent(work, 'focus.session.deleted', sessionCreditOf(row), { userId: row.user_id, requestId })
}
