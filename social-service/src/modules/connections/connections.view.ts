import type { PersonRow } from './profiles.repository.ts'
import type { EntryRow, ListPosition } from './relations.repository.ts'

export const toPerson = (row: PersonRow) => ({ userId: row.user_id, handle: row.handle, displayName: row.display_name })

export const toConnection = (person: PersonRow, since: Date) => ({ user: toPerson(person), since: since.toISOString() })

export const toEntry = (row: EntryRow) => toConnection(row, row.created_at)

export const positionOf = (row: EntryRow): ListPosition => ({ at: row.created_at, userId: row.user_id })
