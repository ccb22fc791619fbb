// What the People screen says and decides without the API: who a person is, where I stand with them,
// which live events change my lists, and what a refused handle means.
import { ProblemError } from '../api/problem.ts'
import { personName } from '../ui/person-name.ts'

/** social-service's events that change my lists: a request to me, mine accepted, a new follower. */
const listEvents = new Set(['social.friend.requested', 'social.friend.accepted', 'social.user.followed'])

export const changesLists = (type: string) => listEvents.has(type)

/** A person as a list shows them: their name, and their handle after it when they have one. */
export function personLabel(person: { userId: string; displayName: string | null; handle: string | null }) {
  const name = personName(person.displayName, person.userId, 'Someone')
  return person.handle ? `${name} (@${person.handle})` : name
}

/** Where I stand with someone, as far as my lists' loaded pages tell. */
export interface Standing {
  following: boolean
  friendship: 'friends' | 'asked-me' | 'asked-them' | 'none'
}

export function standingWith(
  userId: string,
  lists: { friends: Set<string>; incoming: Set<string>; outgoing: Set<string>; following: Set<string> },
): Standing {
  const friendship = lists.friends.has(userId)
    ? 'friends'
    : lists.incoming.has(userId)
      ? 'asked-me'
      : lists.outgoing.has(userId)
        ? 'asked-them'
        : 'none'
  return { following: lists.following.has(userId), friendship }
}

/**
 * The message under the handle field: a handle someone else has (409 `handle-taken`, which names no
 * field), a shape the API refuses (its message is the pattern's, said here in words), or the API's own.
 */
export function handleMessage(error: unknown) {
  if (!(error instanceof ProblemError)) return undefined
  if (error.problem.code === 'handle-taken') return error.message
  const message = error.fieldMessage('handle')
  if (message?.includes('pattern')) return 'Use 3 to 30 letters (a–z), digits or underscores, without spaces.'
  return message
}
