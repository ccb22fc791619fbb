import { createEventRecorder } from '@focushub/shared/events'

/** Adds an event about a user's habits or rewards to the unit of work's outbox. */
export const recordHabitEvent = createEventRecorder('habit-service')
