import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of focus-service beyond the shared ones (validation-failed, unauthorized, not-found,
 * precondition-failed …): one code each, declared here once. The README's error catalogue lists them.
 */
export const focusErrors = errorCatalogue({
  'session-already-active': { status: 409, meaning: 'A timed session is running or paused (`current` is it)' },
  'session-overlaps-logged': { status: 409, meaning: 'A session you logged covers this moment: no timer can start' },
  'transition-not-allowed': {
    status: 409,
    meaning: "The session's status does not allow this action (`allowedActions`)",
  },
  'sessions-overlap': { status: 409, meaning: 'The logged span overlaps another of your sessions' },
  'not-a-logged-session': { status: 409, meaning: 'Only logged (manual) sessions can be edited or deleted' },
  'range-invalid': { status: 422, meaning: 'The history range is empty: `from` is not before `to`' },
  'span-invalid': { status: 422, meaning: 'The logged span is not a real past span of at most 24 hours' },
  'outside-backfill-window': { status: 422, meaning: 'The day is before the backfill window (FOCUS_BACKFILL_DAYS)' },
  'share-with-self': { status: 422, meaning: 'A session cannot be shared with its owner' },
  'recipient-unknown': { status: 422, meaning: 'No active account has a recipient e-mail (`errors` names each)' },
  'link-revoked': { status: 410, meaning: 'The public link was revoked' },
  'link-expired': { status: 410, meaning: 'The public link has expired' },
  'already-in-room': { status: 409, meaning: 'You are in another room (`roomId`): leave it first' },
  'room-full': { status: 409, meaning: 'The room is at its capacity' },
  'banned-from-room': { status: 403, meaning: 'The host banned you from this room' },
  'host-only': {
    status: 403,
    meaning: "Only the room's host may do this (the timer too, unless the host allows anyone)",
  },
  'not-in-room': { status: 409, meaning: 'You are not a participant of this room: join it first' },
  'invite-revoked': { status: 410, meaning: 'The invite link was revoked' },
  'invite-expired': { status: 410, meaning: 'The invite link has expired' },
  'timer-action-not-allowed': {
    status: 409,
    meaning: "The room timer's status does not allow this action (`allowedActions`)",
  },
  'room-timer-busy': { status: 409, meaning: "The plan cannot change while the room's timer runs: end it first" },
  'capacity-below-participants': { status: 422, meaning: 'The capacity is below the number of people in the room' },
  'invite-self': { status: 422, meaning: 'A host cannot invite themselves to their room' },
  'too-many-invitees': {
    status: 422,
    meaning: 'An invitation names more than 50 people in userIds and emails together',
  },
  'moderate-self': { status: 422, meaning: 'A host cannot mute, remove or ban themselves' },
  'participant-muted': { status: 403, meaning: 'The host muted you in this room' },
  'chat-rate-limited': { status: 429, meaning: 'Too many messages: wait `Retry-After` seconds' },
})

export type FocusErrorCode = keyof typeof focusErrors.definitions

export const focusError = focusErrors.error
