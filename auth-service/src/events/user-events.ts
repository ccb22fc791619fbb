import { createEventRecorder } from '@focushub/shared/events'

/** Adds an event about a user to the unit of work's outbox. */
export const recordUserEvent = createEventRecorder('auth-service')
