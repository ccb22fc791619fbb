import { createEventRecorder } from '@focushub/shared/events'

/** Adds an event about a user's connections to the unit of work's outbox. */
export const recordSocialEvent = createEventRecorder('social-service')
