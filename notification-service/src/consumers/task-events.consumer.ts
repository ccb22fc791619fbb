import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { tell } from '../modules/notifications/notifications.service.ts'
import { invitationReceived } from '../modules/notifications/triggers.ts'
import { remindersSet, taskChanged, taskDeleted } from '../modules/reminders/reminders.service.ts'

/**
 * A project invitation received → the invitee told (the event's userId is the invitee); a task's
 * changes and its users' reminder lists → their reminders armed, moved or cancelled.
 */
export const taskEventHandlers = [
  handle(['project.invitation_received'], (work: UnitOfWork<Database>, events) =>
    tell(work, events.map(invitationReceived)),
  ),
  handle(['task.created', 'task.updated', 'task.completed'], async (work: UnitOfWork<Database>, events) => {
    for (const event of events) await taskChanged(work, event)
  }),
  handle(['task.reminders_set'], async (work: UnitOfWork<Database>, events) => {
    for (const event of events) await remindersSet(work, event)
  }),
  handle(['task.deleted'], async (work: UnitOfWork<Database>, events) => {
    for (const event of events) await taskDeleted(work, event)
  }),
]
