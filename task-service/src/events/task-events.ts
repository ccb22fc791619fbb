import { createEvent, type EventData, type EventType, writeToOutbox } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { TaskRow } from '../db/tables/tasks.ts'
import type { Database } from '../db/tables.ts'

/** Who may see an object of the project: its members now, inside the transaction that changes it. */
export async function audienceOf(trx: Kysely<Database>, projectId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('project_members')
    .select('user_id')
    .where('project_id', '=', projectId)
    .orderBy('user_id')
    .execute()
  return rows.map((row) => row.user_id)
}

/** Writes an event to the outbox through the transaction that makes the change; userId is the acting user. */
export async function recordTaskEvent<T extends EventType>(
  trx: Kysely<Database>,
  type: T,
  data: EventData<T>,
  context: { userId: string; requestId: string },
) {
  const { topic, event } = createEvent(type, data, {
    producer: 'task-service',
    userId: context.userId,
    requestId: context.requestId,
  })
  await writeToOutbox(trx, topic, event)
}

/** The fields every task event carries. */
export const taskSummaryOf = (task: TaskRow, audience: string[]) => ({
  taskId: task.id,
  projectId: task.project_id,
  title: task.title,
  status: task.status,
  assigneeId: task.assignee_id,
  version: task.version,
  audience,
})
