import { describe, expect, it } from 'vitest'
import { notificationLink } from '../../src/notifications/notification-link.ts'
import type { Notification } from '../../src/notifications/notification-queries.ts'

const told = (data: Record<string, string>) =>
  ({
    id: '0190f0f0-0000-7000-8000-000000000001',
    kind: 'project_invitation',
    title: 'T',
    body: 'B',
    data,
    createdAt: '2026-12-06T10:00:00.000Z',
    readAt: null,
  }) as Notification

const id = '0190f0f0-0000-7000-8000-0000000000aa'

describe('where a notification leads', () => {
  it('follows the ids in its data, whatever its kind', () => {
    expect(notificationLink(told({ taskId: id }))).toBe(`/tasks/${id}`)
    expect(notificationLink(told({ projectId: id, invitationId: id, invitedBy: id }))).toBe('/invitations')
    expect(notificationLink(told({ sessionId: id, sharedBy: id }))).toBe('/focus/shared')
    expect(notificationLink(told({ achievementId: 'first-focus' }))).toBe('/achievements')
    expect(notificationLink(told({ localDate: '2026-12-06' }))).toBe('/stats')
    expect(notificationLink(told({ habitId: id }))).toBe(`/habits/${id}`)
    expect(notificationLink(told({ weekStart: '2026-11-30' }))).toBe('/stats')
  })

  it('leads nowhere when its data names nothing to open', () => {
    expect(notificationLink(told({}))).toBeUndefined()
  })
})
