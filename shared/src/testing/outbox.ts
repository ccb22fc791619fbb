import type { Kysely } from 'kysely'
import type { OutboxDatabase } from '../events/outbox.ts'

/** Which outbox events a test reads: those of one type, or about one user (the message key), or both. */
export interface OutboxFilter {
  type?: string
  userId?: string
}

/** The events a service wrote to its outbox, oldest first: every service's tests read them this one way. */
export async function outboxEvents(db: Kysely<OutboxDatabase>, filter: OutboxFilter = {}) {
  let query = db.selectFrom('outbox').select('envelope').orderBy('position')
  if (filter.type) query = query.where('type', '=', filter.type)
  if (filter.userId) query = query.where('key', '=', filter.userId)
  return (await query.execute()).map((row) => row.envelope)
}
