import type { Insertable, Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { RoomReportsTable } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'

export const insertReport = (db: Kysely<Database>, report: Omit<Insertable<RoomReportsTable>, 'id'>) =>
  db
    .insertInto('room_reports')
    .values({ id: uuidv7(), ...report })
    .returning('id')
    .executeTakeFirstOrThrow()

const reportsWithRooms = (db: Kysely<Database>) =>
  db
    .selectFrom('room_reports')
    .leftJoin('rooms', 'rooms.id', 'room_reports.room_id')
    .selectAll('room_reports')
    .select(['rooms.name as room_name', 'rooms.version as room_version'])

export const findReport = (db: Kysely<Database>, reportId: string) =>
  reportsWithRooms(db).where('room_reports.id', '=', reportId).executeTakeFirst()

/**
 * Open or resolved reports newest first, before the cursor's id: open ones one backward range of
 * `room_reports_open`, resolved ones of the primary key; each with its room's name by primary key.
 */
export function reportsPage(db: Kysely<Database>, resolved: boolean, limit: number, before?: string) {
  let query = reportsWithRooms(db)
    .where('room_reports.resolved_at', resolved ? 'is not' : 'is', null)
    .orderBy('room_reports.id', 'desc')
    .limit(limit + 1)
  if (before) query = query.where('room_reports.id', '<', before)
  return query.execute()
}

/** Marks an open report resolved; false when there is no open report of that id. */
export async function resolveReport(db: Kysely<Database>, reportId: string, adminId: string, at: Date) {
  const resolved = await db
    .updateTable('room_reports')
    .set({ resolved_at: at, resolved_by: adminId })
    .where('id', '=', reportId)
    .where('resolved_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return resolved !== undefined
}
