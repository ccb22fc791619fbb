// Live updates: the gateway's Server-Sent Events of what concerns the signed-in user (the root
// README's "Live updates"). An EventSource cannot send the access token, so every connection opens
// with a fresh single-use ticket, and a dropped one is replaced (never left to the browser's own
// retry, which would present the spent ticket) with a new ticket and the last event id, from which
// the gateway sends what was missed. Each event reads again the queries it changes.
import type { QueryClient, QueryKey } from '@tanstack/react-query'
import { api } from './client.ts'
import { ProblemError, unwrap } from './problem.ts'
import { refresh } from './session.ts'

/**
 * The queries an event changes, by its type or the type's leading segments (the most specific entry
 * wins). Each is a key prefix: it matches every query whose key starts with it, so a screen's new
 * queries are covered as long as their keys start with its family ('tasks', 'focus', 'habits' …).
 */
const refetchedBy: Record<string, readonly QueryKey[]> = {
  // Focus keeps its own lists of tasks (to pick one, to name one). A task's own screen (['task', id])
  // is left alone: a form being edited is not reset under the user; a change elsewhere shows as a 412.
  task: [['tasks'], ['focus', 'tasks'], ['focus', 'task-names'], ['stats'], ['dashboard']],
  // A member's upload or removal shows in an open task's attachments (its thumbnail follows by polling).
  'task.attachment': [['task-attachments']],
  project: [['projects'], ['tasks'], ['invitations']],
  'project.invitation_received': [['invitations']],
  'focus.session': [['focus'], ['stats'], ['dashboard']],
  // task-service credits the task's focused minutes on this event, with no event of its own.
  'focus.session.completed': [['focus'], ['stats'], ['dashboard'], ['tasks']],
  'focus.daily_goal': [['focus'], ['stats'], ['dashboard'], ['rewards']],
  habit: [['habits'], ['stats'], ['dashboard']],
  'habit.achievement': [['achievements'], ['rewards'], ['stats']],
  // created, read, all_read, deleted: the inbox's pages and the bell's count (the settings are keyed apart).
  notification: [['notifications']],
  // The room I am in and my invitations; the open room's own queries follow its events by version
  // (onLiveEvent, src/rooms/room-live.ts). A room closing changes the directory too.
  'focus.room': [
    ['rooms', 'current'],
    ['rooms', 'invitations'],
  ],
  'focus.room.closed': [['rooms']],
}

/** Every prefix of the table: what any event could have changed. */
const everyKey = Object.values(refetchedBy).flat()

/** The query-key prefixes an event of `type` changes. */
function keysChangedBy(type: string): readonly QueryKey[] {
  const segments = type.split('.')
  for (let length = segments.length; length > 0; length -= 1) {
    const keys = refetchedBy[segments.slice(0, length).join('.')]
    if (keys) return keys
  }
  return []
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting'

/** An event of the stream: its envelope (DESIGN.md §5), of which a listener reads the type and data. */
export interface LiveEvent {
  type: string
  userId?: string
  data?: Record<string, unknown>
}

const listeners = new Set<(event: LiveEvent) => void>()

/**
 * Hears every event of the stream until the returned function is called: for a screen that needs more
 * than its queries read again by type (a room's, which compares the event's version with its own).
 */
export function onLiveEvent(listener: (event: LiveEvent) => void) {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

const openListeners = new Set<() => void>()

/**
 * Told each time the stream opens (the first time too) until the returned function is called: what a
 * screen read before that may have changed while no stream carried it, so a screen that keeps up by its
 * events (a room's) reads again.
 */
export function onLiveOpen(listener: () => void) {
  openListeners.add(listener)
  return () => void openListeners.delete(listener)
}

/** Why the gateway ends a stream (its last, named, message). */
const endings = ['token-expired', 'shutdown', 'session-revoked', 'account-refused'] as const

const firstRetryMs = 1000
const maxRetryMs = 30_000
/** Events often come in bursts (a completed session: focus, task, habit events): one read for a burst. */
const batchMs = 100

/**
 * Opens the signed-in user's stream and keeps it open until the returned function is called (sign
 * out). `onStatus` hears whether events are flowing.
 */
export function connectLive(queryClient: QueryClient, onStatus: (status: LiveStatus) => void) {
  const refetch = batchedInvalidation(queryClient)
  let source: EventSource | undefined
  let lastEventId: string | undefined
  let wasLive = false
  let failures = 0
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  /** Counts attempts: one still asking for its ticket when another begins (or it is given up) stops there. */
  let attempt = 0
  let stopped = false

  async function open() {
    drop()
    const current = attempt
    onStatus(wasLive ? 'reconnecting' : 'connecting')
    let ticket: string
    try {
      ticket = unwrap(await api.POST('/api/v1/events/ticket')).ticket
    } catch (error) {
      // A 401 has the client refresh the token meanwhile; a 429 or 503 says when to ask again.
      if (current === attempt) retry(error instanceof ProblemError ? error.retryAfter : undefined)
      return
    }
    if (stopped || current !== attempt) return
    const url = new URL('/api/v1/events', window.location.origin)
    url.searchParams.set('ticket', ticket)
    if (lastEventId) url.searchParams.set('lastEventId', lastEventId)
    source = new EventSource(url)
    source.addEventListener('ready', () => {
      // Back without a point to resume from: whatever happened meanwhile is read again.
      if (wasLive && !lastEventId) refetch.keys(everyKey)
      wasLive = true
      failures = 0
      onStatus('live')
      for (const listener of openListeners) listener()
    })
    // The resume point is older than the gateway keeps: read everything again, then go on live.
    source.addEventListener('reset', () => refetch.keys(everyKey))
    source.onmessage = (message) => {
      lastEventId = message.lastEventId
      const event = JSON.parse(message.data) as LiveEvent
      refetch.keys(keysChangedBy(event.type))
      for (const listener of listeners) listener(event)
    }
    source.onerror = () => retry()
    for (const ending of endings) source.addEventListener(ending, () => void ended(ending))
  }

  /** The gateway ended the stream: a new one now, or once the session says whether the sign-in still holds. */
  async function ended(reason: (typeof endings)[number]) {
    if (reason === 'token-expired' || reason === 'shutdown') return void open()
    drop()
    // Signs out (and so stops this) when the sign-in or the account is over.
    await refresh()
    retry()
  }

  /** A new stream after a jittered backoff (so the tabs of a restarted gateway do not all come back at once). */
  function retry(retryAfterSeconds?: number) {
    drop()
    if (stopped) return
    onStatus(wasLive ? 'reconnecting' : 'connecting')
    const backoff = Math.min(firstRetryMs * 2 ** failures, maxRetryMs)
    failures += 1
    const delay = retryAfterSeconds ? retryAfterSeconds * 1000 : backoff / 2 + Math.random() * (backoff / 2)
    retryTimer = setTimeout(() => void open(), delay)
  }

  /** Ends the stream, the attempt under way and the retry waiting, whichever there is. */
  function drop() {
    attempt += 1
    clearTimeout(retryTimer)
    retryTimer = undefined
    source?.close()
    source = undefined
  }

  // Offline, the stream is gone whether or not the socket has noticed yet; back online, a new one
  // opens at once instead of waiting out the backoff.
  const offline = () => retry()
  const online = () => {
    if (retryTimer !== undefined) void open()
  }
  window.addEventListener('offline', offline)
  window.addEventListener('online', online)
  void open()
  return () => {
    stopped = true
    drop()
    window.removeEventListener('offline', offline)
    window.removeEventListener('online', online)
    refetch.cancel()
  }
}

/**
 * Invalidates query-key prefixes a short moment after the first asks, all at once (a prefix another
 * pending one covers is left out). While a write is in flight it waits: the write reads its lists
 * again when it settles, and a read now would wipe its optimistic change from the screen meanwhile.
 */
function batchedInvalidation(queryClient: QueryClient) {
  const pending = new Map<string, QueryKey>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  function add(keys: readonly QueryKey[]) {
    if (stopped) return
    for (const key of keys) pending.set(JSON.stringify(key), key)
    if (keys.length > 0) timer ??= setTimeout(flush, batchMs)
  }

  function flush() {
    timer = undefined
    if (queryClient.isMutating() > 0) {
      timer = setTimeout(flush, batchMs)
      return
    }
    const keys = [...pending.values()]
    pending.clear()
    for (const queryKey of keys) {
      if (!keys.some((other) => covers(other, queryKey))) void invalidate(queryKey)
    }
  }

  async function invalidate(queryKey: QueryKey) {
    add(await invalidateKeepingReads(queryClient, queryKey))
  }

  return {
    keys: add,
    cancel() {
      stopped = true
      clearTimeout(timer)
      timer = undefined
    },
  }
}

/**
 * Invalidates without cancelling a read in flight: TanStack's default cancels it to read again at
 * once, which drops the page a "Load more" is fetching, so the click does nothing. Left to finish,
 * such a read stands for the invalidation's own, yet it may answer from before the change: the keys
 * of those reads are returned, to be read again once they are in (an infinite list every page it
 * then holds).
 */
async function invalidateKeepingReads(queryClient: QueryClient, queryKey: QueryKey) {
  const reading = queryClient.getQueryCache().findAll({ queryKey, fetchStatus: 'fetching' })
  await queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false })
  return reading.map((query) => query.queryKey)
}

/**
 * Keeps a screen's queries (every one under `queryKey`) current until the returned function is
 * called: read again on each live event `changes` names, and whenever the stream (re)opens (what
 * arrived while no stream carried it, or before the screen's first read). A read in flight is left to
 * finish and then read again, as the stream's own invalidations do.
 */
export function followLive(queryClient: QueryClient, queryKey: QueryKey, changes: (type: string) => boolean) {
  const reread = async () => {
    const again = await invalidateKeepingReads(queryClient, queryKey)
    for (const key of again)
      void queryClient.invalidateQueries({ queryKey: key, exact: true }, { cancelRefetch: false })
  }
  const stopEvents = onLiveEvent(({ type }) => {
    if (changes(type)) void reread()
  })
  const stopOpen = onLiveOpen(() => void reread())
  return () => {
    stopEvents()
    stopOpen()
  }
}

/** True when `prefix` is a shorter beginning of `key`. */
const covers = (prefix: QueryKey, key: QueryKey) =>
  prefix.length < key.length && prefix.every((part, index) => part === key[index])
