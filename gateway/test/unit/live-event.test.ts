import { randomUUID } from 'node:crypto'
import { createEvent, createEventApplier, recipientsOf } from '@focushub/shared/events'
import { describe, expect, it } from 'vitest'
import { liveHandlers } from '../../src/modules/live/live.consumer.ts'
import type { LiveDelivery, LiveStreams } from '../../src/modules/live/live.streams.ts'
import { parseChannelMessage } from '../../src/modules/live/live.streams.ts'
import { compareStreamIds, publicEventOf, sseMessage } from '../../src/modules/live/live-event.ts'

const [owner, member, other] = [randomUUID(), randomUUID(), randomUUID()]
const context = (userId: string) => ({ producer: 'test', userId, requestId: 'req-1' })

describe('recipientsOf', () => {
  it('sends a task event to its actor and the project audience, once each', () => {
    const { event } = createEvent(
      'task.created',
      {
        taskId: randomUUID(),
        projectId: randomUUID(),
        title: 'T',
        status: 'todo',
        assigneeId: null,
        version: 1,
        audience: [owner, member],
        parentId: null,
      },
      context(owner),
    )
    expect(recipientsOf(event).sort()).toEqual([owner, member].sort())
  })

  it('sends a shared focus session to its owner and the users it is shared with', () => {
    const { event } = createEvent(
      'focus.session.shared',
      { sessionId: randomUUID(), recipientIds: [member, other] },
      context(owner),
    )
    expect(recipientsOf(event).sort()).toEqual([owner, member, other].sort())
  })

  it('sends a project’s new member the event, and ignores anything that is not a user id', () => {
    expect(recipientsOf({ userId: owner, data: { memberId: member, audience: [owner, 'nobody', 42] } })).toEqual([
      owner,
      member,
    ])
  })
})

describe('event formats', () => {
  it('keeps the request id and producer out of what clients receive', () => {
    const { event } = createEvent('auth.user.deleted', {}, context(owner))
    expect(JSON.parse(publicEventOf(event))).toEqual({
      id: event.id,
      type: 'auth.user.deleted',
      version: 1,
      occurredAt: event.occurredAt,
      userId: owner,
      data: {},
    })
  })

  it('orders stream ids by time, then sequence', () => {
    expect(compareStreamIds('1700000000000-1', '1700000000000-0')).toBeGreaterThan(0)
    expect(compareStreamIds('999-5', '1000-0')).toBeLessThan(0)
    expect(compareStreamIds('5-5', '5-5')).toBe(0)
  })

  it('writes SSE messages and reads channel messages back', () => {
    expect(sseMessage({ id: '1-0', data: '{"a":1}' })).toBe('id: 1-0\ndata: {"a":1}\n\n')
    expect(sseMessage({ event: 'reset', data: '{}' })).toBe('event: reset\ndata: {}\n\n')
    expect(parseChannelMessage(`e ${owner}=1-0,${member}=2-1 {"a":"b c"}`)).toEqual({
      kind: 'event',
      entries: [
        { userId: owner, id: '1-0' },
        { userId: member, id: '2-1' },
      ],
      json: '{"a":"b c"}',
    })
    expect(parseChannelMessage(`e ${owner} {}`)).toBeNull()
    expect(parseChannelMessage(`x ${owner} token-expired`)).toEqual({
      kind: 'end',
      userId: owner,
      reason: 'token-expired',
    })
    expect(parseChannelMessage('garbage')).toBeNull()
  })
})

describe('liveHandlers', () => {
  function fakeStreams() {
    const appended: string[][] = []
    const ended: string[] = []
    const streams = {
      append: async (deliveries: LiveDelivery[]) => {
        appended.push(...deliveries.map((delivery) => delivery.recipients))
        return deliveries.map(() => [])
      },
      end: async (userId: string) => {
        ended.push(userId)
      },
    } as unknown as LiveStreams
    return { streams, appended, ended }
  }
  const unlocked = (occurredAt: string) => ({
    ...createEvent(
      'habit.achievement.unlocked',
      { achievementId: 'a', name: 'A', points: 1, totalPoints: 1, level: 1, unlockedAt: occurredAt },
      context(owner),
    ).event,
    occurredAt,
  })

  it('pushes recent events and skips those older than the resume window', async () => {
    const { streams, appended } = fakeStreams()
    const now = Date.parse('2026-11-22T10:00:00Z')
    const apply = createEventApplier({ groupId: 'gateway-live', handlers: liveHandlers(streams, 60_000, () => now) })
    await apply([unlocked('2026-11-22T09:59:30Z')])
    await apply([unlocked('2026-11-22T09:58:00Z')])
    expect(appended).toEqual([[owner]])
  })

  it('ends the streams of a suspended or deleted user, not of a reactivated one', async () => {
    const { streams, ended } = fakeStreams()
    const apply = createEventApplier({ groupId: 'gateway-live', handlers: liveHandlers(streams, 60_000) })
    const changedBy = randomUUID()
    for (const [userId, status] of [
      [owner, 'suspended'],
      [member, 'active'],
    ] as const) {
      const previousStatus = status === 'active' ? 'suspended' : 'active'
      await apply([
        createEvent('auth.user.status_changed', { status, previousStatus, reason: 'r', changedBy }, context(userId))
          .event,
      ])
    }
    await apply([createEvent('auth.user.deleted', {}, context(other)).event])
    expect(ended).toEqual([owner, other])
  })
})
