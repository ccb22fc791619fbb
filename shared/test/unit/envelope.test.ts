import { describe, expect, it } from 'vitest'
import { createEvent, EventContractError, validateEvent } from '../../src/events/envelope.ts'

const context = { producer: 'auth-service', userId: '0190e6f8-0000-7000-8000-000000000001', requestId: 'req-1' }

describe('event contracts', () => {
  it('builds a valid envelope with a UUIDv7 id and names its topic', () => {
    const { topic, event } = createEvent(
      'auth.user.status_changed',
      {
        status: 'suspended',
        previousStatus: 'active',
        reason: 'spam',
        changedBy: 'admin-1',
      },
      context,
    )
    expect(topic).toBe('focushub.auth.events')
    expect(event).toMatchObject({
      type: 'auth.user.status_changed',
      version: 1,
      producer: 'auth-service',
      requestId: 'req-1',
    })
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt)
  })

  it('refuses a payload that breaks its schema', () => {
    const bad = { status: 'banned', previousStatus: 'active', reason: 'x', changedBy: 'y' }
    expect(() => createEvent('auth.user.status_changed', bad as never, context)).toThrow(EventContractError)
  })

  it('refuses an unknown type or version', () => {
    const { event } = createEvent('auth.user.deleted', {}, context)
    expect(() => validateEvent({ ...event, type: 'auth.user.vanished' })).toThrow(/unknown type or version/)
    expect(() => validateEvent({ ...event, version: 2 })).toThrow(/unknown type or version/)
  })

  it('refuses a malformed envelope', () => {
    expect(() => validateEvent({ type: 'auth.user.deleted', version: 1 })).toThrow(EventContractError)
  })
})
