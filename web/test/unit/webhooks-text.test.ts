import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../src/settings/webhooks-queries.ts'
import {
  attemptText,
  deliveryText,
  eventGroups,
  eventLabel,
  eventLabels,
  eventsText,
  projectEventTypes,
  refreshInterval,
  urlMessage,
  webhookName,
} from '../../src/settings/webhooks-text.ts'

const delivery = (change: Partial<Delivery> = {}): Delivery => ({
  id: '0193a0a0-0000-7000-8000-000000000001',
  eventId: '0193a0a0-0000-7000-8000-000000000002',
  eventType: 'task.created',
  state: 'pending',
  attempts: 0,
  lastStatus: null,
  lastError: null,
  lastDurationMs: null,
  createdAt: '2026-12-08T08:00:00.000Z',
  nextAttemptAt: '2026-12-08T08:00:00.000Z',
  deliveredAt: null,
  ...change,
})

describe('event types', () => {
  it('groups every type the API takes exactly once, and a project takes only the Tasks group', () => {
    const grouped = eventGroups.flatMap((group) => group.types)
    expect(grouped.toSorted()).toEqual(Object.keys(eventLabels).toSorted())
    expect(new Set(grouped).size).toBe(grouped.length)
    expect([...projectEventTypes].toSorted()).toEqual(eventGroups[0].types.toSorted())
  })

  it('names a type, the test delivery, and a type this app does not know by its code', () => {
    expect(eventLabel('task.created')).toBe('Task created')
    expect(eventLabel('webhook.ping')).toBe('Test')
    expect(eventLabel('task.moved')).toBe('task.moved')
  })

  it('says all events when a webhook takes every one it could', () => {
    expect(eventsText(['task.created', 'habit.checked_in'], false)).toBe('Task created, Habit checked in')
    expect(eventsText(Object.keys(eventLabels), false)).toBe('All events')
    expect(eventsText([...projectEventTypes], true)).toBe('All project events')
    expect(eventsText([...projectEventTypes], false)).toBe(
      'Task created, Task updated, Task completed, Task deleted, Attachment added, Attachment removed, Member joined a project',
    )
  })
})

describe('a webhook', () => {
  it('is named by what it is for, else its URL', () => {
    expect(webhookName({ description: 'Task sync', url: 'https://example.com/a' })).toBe('Task sync')
    expect(webhookName({ description: '  ', url: 'https://example.com/a' })).toBe('https://example.com/a')
  })

  it("says the schema's refusal of a URL as a person would, and keeps the service's own", () => {
    expect(urlMessage('must match pattern "^https?://"')).toBe('Enter the whole URL, starting with https://')
    expect(urlMessage('must match format "uri"')).toBe('Enter the whole URL, starting with https://')
    expect(urlMessage('must be an https:// URL')).toBe('must be an https:// URL')
    expect(urlMessage(undefined)).toBeUndefined()
  })
})

describe('a delivery', () => {
  it('says its last answer, its attempts and when it is tried next', () => {
    expect(deliveryText(delivery())).toBe('Not sent yet')
    expect(
      deliveryText(
        delivery({ state: 'delivered', attempts: 1, lastStatus: 204, lastDurationMs: 35, nextAttemptAt: null }),
      ),
    ).toBe('Answered 204 in 35 ms · 1 attempt')
    expect(
      deliveryText(
        delivery({
          attempts: 2,
          lastStatus: 500,
          lastError: 'answered 500',
          lastDurationMs: 12,
          nextAttemptAt: '2026-12-08T08:00:15Z',
        }),
        'UTC',
      ),
    ).toBe('Answered 500 in 12 ms · 2 attempts · next try 8 Dec, 08:00:15')
    expect(
      deliveryText(
        delivery({ state: 'failed', attempts: 9, lastError: 'ECONNREFUSED', lastDurationMs: 2, nextAttemptAt: null }),
      ),
    ).toBe('No answer (ECONNREFUSED) after 2 ms · 9 attempts')
  })

  it('says each attempt', () => {
    const attempt = {
      number: 1,
      attemptedAt: '2026-12-08T08:00:05Z',
      status: 500,
      error: 'answered 500',
      durationMs: 12,
    }
    expect(attemptText(attempt, 'UTC')).toBe('Attempt 1 · 8 Dec, 08:00:05 · answered 500 · 12 ms')
    expect(attemptText({ ...attempt, number: 2, status: null, error: 'timed out' }, 'Europe/Paris')).toBe(
      'Attempt 2 · 8 Dec, 09:00:05 · no answer (timed out) · 12 ms',
    )
  })

  it('is read again often while one is being sent or is due soon, else now and then', () => {
    const now = Date.parse('2026-12-08T08:00:00Z')
    expect(refreshInterval([], now)).toBe(5_000)
    expect(refreshInterval([delivery({ state: 'delivered', nextAttemptAt: null })], now)).toBe(5_000)
    expect(refreshInterval([delivery({ nextAttemptAt: null })], now)).toBe(1_500)
    expect(refreshInterval([delivery({ nextAttemptAt: '2026-12-08T08:00:10Z' })], now)).toBe(1_500)
    expect(refreshInterval([delivery({ nextAttemptAt: '2026-12-08T11:36:00Z' })], now)).toBe(5_000)
  })
})
