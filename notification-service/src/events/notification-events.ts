import { createEventRecorder } from '@focushub/shared/events'

/** Adds an event about a user's notifications to the unit of work's outbox. */
export const recordNotificationEvent = createEventRecorder('notification-service')
