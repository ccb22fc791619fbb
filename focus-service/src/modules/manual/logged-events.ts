import type { Kysely } from 'kysely'
import type { SessionRow } from '../../db/tables/focus-sessions.ts'
import type { Database } from '../../db/tables.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { sessionCreditOf } from '../sessions/session-transitions.ts'

/** focus.session.edited: the logged session's credit now, and what it credited before, so consumers move the difference. */
export async function recordEditedEvent(
  trx: Kysely<Database>,
  before: SessionRow,
  after: SessionRow,
  requestId: string,
) {
  const { focusedMinutes, startedAt, endedAt, localDate } = sessionCreditOf(before)
  await recordFocusEvent(
    trx,
    'focus.session.edited',
    { ...sessionCreditOf(after), previous: { focusedMinutes, startedAt, endedAt, localDate } },
    { userId: after.user_id, requestId },
  )
}

/** focus.session.deleted: the credit consumers take back. */
export async function recordDeletedEvent(trx: Kysely<Database>, row: SessionRow, requestId: string) {
  await recordFocusEvent(trx, 'focus.session.deleted', sessionCreditOf(row), { userId: row.user_id, requestId })
}
