import { inUnitOfWork, type UnitOfWorkKind } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { applyHeldProgress, type ProgressWork } from '../modules/achievements/achievements.service.ts'

/**
 * habit-service's unit of work: its transaction and outbox, plus the achievement progress the
 * work made (`progress`), merged per user and applied when the unit is flushed — before the
 * outbox, since unlocks publish events of their own.
 */
export type HabitWork = ProgressWork

export const habitWork: UnitOfWorkKind<Database, HabitWork> = {
  open: (base) => ({ ...base, progress: new Map() }),
  flush: applyHeldProgress,
}

/** Runs `body` in one habit-service unit of work and commits it (see inUnitOfWork). */
export const inHabitWork = <T>(db: Kysely<Database>, body: (work: HabitWork) => Promise<T>) =>
  inUnitOfWork(db, body, habitWork)
