import { InfiniteQueryObserver, QueryClient, QueryObserver } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiveEvent } from '../../src/api/live.ts'

// The stream's reconnection and what each event reads again, with a stand-in EventSource and ticket route.
const tickets = vi.hoisted(() => ({ issued: 0 }))
vi.mock('../../src/api/client.ts', () => ({
  api: {
    POST: async () => {
      tickets.issued += 1
      return { data: { ticket: `t${tickets.issued}`, expiresAt: '' }, response: new Response(null, { status: 201 }) }
    },
  },
}))
vi.mock('../../src/api/session.ts', () => ({ refresh: async () => undefined }))
const { connectLive, followLive, onLiveEvent } = await import('../../src/api/live.ts')

class FakeEventSource extends EventTarget {
  static opened: FakeEventSource[] = []
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: (() => void) | null = null
  closed = false
  constructor(readonly url: URL) {
    super()
    FakeEventSource.opened.push(this)
  }
  close() {
    this.closed = true
  }
  named(name: string) {
    this.dispatchEvent(new MessageEvent(name, { data: '{}' }))
  }
  event(id: string, type: string, data?: Record<string, unknown>) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify({ type, data }), lastEventId: id }))
  }
}

const streams = FakeEventSource.opened
const latest = () => streams.at(-1)!
const page = Object.assign(new EventTarget(), { location: { origin: 'http://focushub.test' } })
const ticketOf = (stream: FakeEventSource) => stream.url.searchParams.get('ticket')
const resumeOf = (stream: FakeEventSource) => stream.url.searchParams.get('lastEventId')

let queryClient: QueryClient
let invalidated: unknown[]
let statuses: string[]
let stop: () => void

beforeEach(async () => {
  vi.useFakeTimers()
  vi.stubGlobal('window', page)
  vi.stubGlobal('EventSource', FakeEventSource)
  streams.length = 0
  queryClient = new QueryClient()
  invalidated = []
  vi.spyOn(queryClient, 'invalidateQueries').mockImplementation(async (filters) => {
    invalidated.push(filters?.queryKey)
  })
  statuses = []
  stop = connectLive(queryClient, (status) => statuses.push(status))
  await vi.advanceTimersByTimeAsync(0)
  latest().named('ready')
})

afterEach(() => {
  stop()
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('live updates', () => {
  it('opens with a ticket and reads a burst of events’ query families again once', async () => {
    expect(streams).toHaveLength(1)
    expect(ticketOf(latest())).toMatch(/^t\d+$/)
    expect(resumeOf(latest())).toBeNull()
    expect(statuses).toEqual(['connecting', 'live'])
    latest().event('1-0', 'task.created')
    latest().event('2-0', 'task.completed')
    latest().event('3-0', 'habit.checked_in')
    expect(invalidated).toEqual([])
    await vi.advanceTimersByTimeAsync(100)
    expect(invalidated).toEqual([
      ['tasks'],
      ['focus', 'tasks'],
      ['focus', 'task-names'],
      ['stats'],
      ['dashboard'],
      ['habits'],
    ])
  })

  it('reads the inbox and the bell again on every notification event', async () => {
    latest().event('1-0', 'notification.created')
    latest().event('2-0', 'notification.all_read')
    await vi.advanceTimersByTimeAsync(100)
    expect(invalidated).toEqual([['notifications']])
  })

  it('reads the room I am in and my invitations on a room event, and tells each listener the event', async () => {
    const heard: LiveEvent[] = []
    const stopListening = onLiveEvent((event) => heard.push(event))
    latest().event('1-0', 'focus.room.joined', { roomId: 'r1', roomVersion: 2 })
    await vi.advanceTimersByTimeAsync(100)
    expect(invalidated).toEqual([
      ['rooms', 'current'],
      ['rooms', 'invitations'],
    ])
    expect(heard).toEqual([{ type: 'focus.room.joined', data: { roomId: 'r1', roomVersion: 2 } }])
    stopListening()
    latest().event('2-0', 'focus.room.closed', { roomId: 'r1', roomVersion: 3 })
    await vi.advanceTimersByTimeAsync(100)
    expect(invalidated.at(-1)).toEqual(['rooms'])
    expect(heard).toHaveLength(1)
  })

  it('reads nothing while a write is in flight, then once it settled', async () => {
    const mutating = vi.spyOn(queryClient, 'isMutating').mockReturnValue(1)
    latest().event('1-0', 'focus.session.paused')
    await vi.advanceTimersByTimeAsync(500)
    expect(invalidated).toEqual([])
    mutating.mockReturnValue(0)
    await vi.advanceTimersByTimeAsync(100)
    expect(invalidated).toEqual([['focus'], ['stats'], ['dashboard']])
  })

  it('lets a page being loaded finish, then reads every page loaded again', async () => {
    vi.mocked(queryClient.invalidateQueries).mockRestore()
    // Sessions newest first, two a page, each page after its cursor (the last id of the one before).
    const sessions = ['s1', 's2', 's3', 's4', 's5']
    const reads: (string | undefined)[] = []
    let hold = false
    let release: () => void = () => undefined
    const observer = new InfiniteQueryObserver(queryClient, {
      queryKey: ['focus', 'history', 'pages'],
      initialPageParam: undefined as string | undefined,
      queryFn: async ({ pageParam }) => {
        reads.push(pageParam)
        if (hold)
          await new Promise<void>((resolve) => {
            release = resolve
          })
        const start = pageParam ? sessions.indexOf(pageParam) + 1 : 0
        const items = sessions.slice(start, start + 2)
        return { items, nextCursor: start + 2 < sessions.length ? items.at(-1) : undefined }
      },
      getNextPageParam: (page) => page.nextCursor,
    })
    const stopObserving = observer.subscribe(() => undefined)
    const shown = () => observer.getCurrentResult().data?.pages.flatMap((page) => page.items)
    await vi.advanceTimersByTimeAsync(0)
    expect(shown()).toEqual(['s1', 's2'])

    hold = true
    const loadMore = observer.fetchNextPage()
    // A session is logged meanwhile: its event arrives while the next page is still loading.
    sessions.unshift('s0')
    latest().event('1-0', 'focus.session.completed')
    await vi.advanceTimersByTimeAsync(100)
    hold = false
    release()
    await loadMore
    expect(shown()).toEqual(['s1', 's2', 's3', 's4'])
    // Then every page loaded is read again from the first, each from the cursor the one before ends on.
    await vi.advanceTimersByTimeAsync(100)
    expect(shown()).toEqual(['s0', 's1', 's2', 's3'])
    expect(reads).toEqual([undefined, 's2', undefined, 's1'])
    expect(observer.getCurrentResult().hasNextPage).toBe(true)
    stopObserving()
  })

  it('keeps a screen that follows its events current when one arrives during a read', async () => {
    vi.mocked(queryClient.invalidateQueries).mockRestore()
    // A conversation's messages: the read in flight when the deletion's event arrives answers from before it.
    let deleted = false
    let hold = false
    let release: () => void = () => undefined
    const reads: boolean[] = []
    const observer = new QueryObserver(queryClient, {
      queryKey: ['messages', 'c1'],
      queryFn: async () => {
        const answer = deleted
        reads.push(answer)
        if (hold)
          await new Promise<void>((resolve) => {
            release = resolve
          })
        return { deleted: answer }
      },
    })
    const stopObserving = observer.subscribe(() => undefined)
    const stopFollowing = followLive(queryClient, ['messages'], (type) => type === 'social.message.deleted')
    await vi.advanceTimersByTimeAsync(0)
    expect(observer.getCurrentResult().data).toEqual({ deleted: false })

    hold = true
    void observer.refetch()
    deleted = true
    latest().event('1-0', 'social.message.deleted')
    latest().event('1-1', 'social.message.sent')
    hold = false
    release()
    await vi.advanceTimersByTimeAsync(0)
    // The read in flight finished (not cancelled), then one more was made, after the change.
    expect(reads).toEqual([false, false, true])
    expect(observer.getCurrentResult().data).toEqual({ deleted: true })

    stopFollowing()
    latest().event('1-2', 'social.message.deleted')
    await vi.advanceTimersByTimeAsync(0)
    expect(reads).toHaveLength(3)
    stopObserving()
  })

  it('replaces a dropped stream after a backoff, with a new ticket and the last event id', async () => {
    const first = latest()
    first.event('7-0', 'focus.session.started')
    first.onerror?.()
    expect(first.closed).toBe(true)
    expect(statuses.at(-1)).toBe('reconnecting')
    await vi.advanceTimersByTimeAsync(1000)
    expect(streams).toHaveLength(2)
    expect(ticketOf(latest())).not.toBe(ticketOf(first))
    expect(resumeOf(latest())).toBe('7-0')
    latest().named('ready')
    expect(statuses.at(-1)).toBe('live')
  })

  it('reads every family again after a reset, or when back with nothing to resume from', async () => {
    const families = [
      ['tasks'],
      ['stats'],
      ['dashboard'],
      ['task-attachments'],
      ['projects'],
      ['invitations'],
      ['focus'],
      ['rewards'],
      ['habits'],
      ['achievements'],
      ['notifications'],
      ['rooms'],
    ]
    latest().named('reset')
    await vi.advanceTimersByTimeAsync(100)
    // ['focus', 'tasks'] and the like are left out: ['focus'] covers them.
    expect(invalidated).toEqual(families)
    latest().named('shutdown')
    await vi.advanceTimersByTimeAsync(0)
    expect(streams).toHaveLength(2)
    expect(resumeOf(latest())).toBeNull()
    latest().named('ready')
    await vi.advanceTimersByTimeAsync(100)
    expect(invalidated).toEqual([...families, ...families])
  })

  it('drops the stream when the browser goes offline and opens one at once when it is back', async () => {
    page.dispatchEvent(new Event('offline'))
    expect(latest().closed).toBe(true)
    expect(statuses.at(-1)).toBe('reconnecting')
    page.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(0)
    expect(streams).toHaveLength(2)
    expect(latest().closed).toBe(false)
  })

  it('closes on sign-out and opens nothing after', async () => {
    latest().onerror?.()
    stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(streams).toHaveLength(1)
    expect(latest().closed).toBe(true)
  })
})
