import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { tell } from '../modules/notifications/notifications.service.ts'
import { invitationReceived } from '../modules/notifications/triggers.ts'

/** A project invitation received → the invitee told (the event's userId is the invitee). */
export const taskEventHandlers = [
  handle(['project.invitation_received'], (work: UnitOfWork<Database>, events) =>
    tell(work, events.map(invitationReceived)),
  ),
]
