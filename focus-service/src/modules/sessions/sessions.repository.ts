import type { Insertable, Kysely, Updateable } from 'kysely'
import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { FocusSessionsTable, SessionRow } from '../../db/tables/focus-sessions.ts'
import type { Database } from '../../db/tables.ts'

export const findOwnSession = (db: Kysely<Database>, userId: string, id: string) =>
  db.selectFrom('focus_sessions').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()

/** Locks the user's session until the transaction ends, so two transitions never interleave. */
export const lockOwnSession = (db: Kysely<Database>, userId: string, id: string) =>
  db
    .selectFrom('focus_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst()

export const findActiveSession = (db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('focus_sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', 'in', ['running', 'paused'])
    .executeTakeFirst()

export const insertSession = (db: Kysely<Database>, row: Omit<Insertable<FocusSessionsTable>, 'id'>) =>
  db
    .insertInto('focus_sessions')
    .values({ id: uuidv7(), ...row })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateSession = (db: Kysely<Database>, id: string, changes: Updateable<FocusSessionsTable>) =>
  db
    .updateTable('focus_sessions')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

/** Running sessions whose plan has run out, locked; rows another replica holds are skipped, not waited for. */
export const deleteSession = (db: Kysely<Database>, id: string) =>
  db.deleteFrom('focus_sessions').where('id', '=', id).execute()

export const lockDueSessions = (db: Kysely<Database>, now: Date, limit: number): Promise<SessionRow[]> =>
  db
    .selectFrom('focus_sessions')
    .selectAll()
    .where('status', '=', 'running')
    .where('ends_at', '<=', now)
    .orderBy('ends_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

export async function openPause(db: Kysely<Database>, sessionId: string, at: Date, reason: string | null) {
  await db
    .insertInto('session_pauses')
    .values({ id: uuidv7(), session_id: sessionId, started_at: at, reason })
    .execute()
}

export async function closePause(db: Kysely<Database>, sessionId: string, at: Date) {
  await db
    .updateTable('session_pauses')
    .set({ ended_at: at })
    .where('session_id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute()
}

export const pausesOf = (db: Kysely<Database>, sessionId: string) =>
  db
    .selectFrom('session_pauses')
    .select(['started_at', 'ended_at', 'reason'])
    .where('session_id', '=', sessionId)
    .orderBy('started_at')
    .execute()

/** The pauses of some sessions, each session's in order: one range of session_pauses_session per session. */
export const pausesOfSessions = (db: Kysely<Database>, sessionIds: string[]) =>
  sessionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('session_pauses')
        .select(['session_id', 'started_at', 'ended_at', 'reason'])
        .where('session_id', 'in', sessionIds)
        .orderBy('session_id')
        .orderBy('started_at')
        .execute()

/** Postgres refused a session because the user already has an active one, or it overlaps another. */
export const sessionClash = (error: unknown) => {
  const { code, constraint } = error as { code?: string; constraint?: string }
  return (
    (code === '23505' && constraint === 'focus_sessions_one_active') ||
    (code === '23P01' && constraint === 'focus_sessions_no_overlap')
  )
}
