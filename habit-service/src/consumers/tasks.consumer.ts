import type { ConsumedEvent } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { recordFact } from '../modules/achievements/achievements.repository.ts'
import { progress } from '../modules/achievements/achievements.service.ts'

/** A task completed counts once for the user who completed it, however often it is reopened and completed. */
export async function onTaskCompleted(trx: Kysely<Database>, event: ConsumedEvent<'task.completed'>) {
  if (!(await recordFact(trx, event.userId, 'task', event.data.taskId))) return
  await progress(trx, { userId: event.userId, requestId: event.requestId }, 'add', { tasks_completed: 1 })
}
