import type { ConsumedEvent } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { recordFacts } from '../modules/achievements/achievements.repository.ts'
import { progress } from '../modules/achievements/achievements.service.ts'
import { applyPerUser } from './events-by-user.ts'

/** A task completed counts once for the user who completed it, however often it is reopened and completed. */
export function onTasksCompleted(trx: Kysely<Database>, events: ConsumedEvent<'task.completed'>[]) {
  return applyPerUser(trx, events, async (users) => {
    const fresh = await recordFacts(
      trx,
      'task',
      users.flatMap(({ cause, events: mine }) =>
        mine.map((event) => ({ userId: cause.userId, key: event.data.taskId })),
      ),
    )
    for (const { cause } of users) {
      const count = fresh.filter((fact) => fact.userId === cause.userId).length
      if (count > 0) await progress(trx, cause, { tasks_completed: count })
    }
  })
}
