import { createEventRecorder } from '@focushub/shared/events'

/** Adds an event about a user's focus to the unit of work's outbox. */
export const recordFocusEvent = createEventRecorder('focus-service')
