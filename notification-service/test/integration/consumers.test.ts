import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumed,
  deliverEvents,
  invitation,
  newUser,
  outboxEvents,
  startNotificationService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startNotificationService()
})
afterAll(() => service.close())

const apply = (...events: ConsumedEvent<EventType>[]) => deliverEvents(service, events)

const inboxOf = (userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()

const achievement = (userId: string) =>
  consumed('habit.achievement.unlocked', userId, {
    achievementId: 'first-focus-session',
    name: 'First focus',
    points: 10,
    totalPoints: 20,
    level: 1,
    unlockedAt: '2026-03-10T10:00:00.000Z',
  })

const goal = (userId: string, localDate = '2026-03-10') =>
  consumed('focus.daily_goal.achieved', userId, { localDate, goalMinutes: 60, focusedMinutes: 75 })

const shared = (ownerId: string, recipientIds: string[], sessionId = randomUUID()) =>
  consumed('focus.session.shared', ownerId, { sessionId, recipientIds })

const statusChanged = (userId: string, status: 'active' | 'suspended') =>
  consumed('auth.user.status_changed', userId, {
    status,
    previousStatus: status === 'active' ? 'suspended' : 'active',
    reason: 'test',
    changedBy: randomUUID(),
  })

describe('events worth telling', () => {
  it('tells an unlocked achievement once, however often it is delivered', async () => {
    const me = newUser()
    const event = achievement(me)
    await Promise.all([apply(event), apply(event)])
    await apply(event)
    await apply(achievement(me))
    const inbox = await inboxOf(me)
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({
      kind: 'achievement_unlocked',
      title: 'Achievement unlocked: First focus',
      body: '+10 points. You now have 20 points and are at level 1.',
      data: { achievementId: 'first-focus-session' },
      read_at: null,
    })
  })

  it('tells a daily goal once per local day', async () => {
    const me = newUser()
    await apply(goal(me), goal(me), goal(me, '2026-03-11'))
    const inbox = await inboxOf(me)
    expect(inbox.map((row) => row.data)).toEqual([{ localDate: '2026-03-10' }, { localDate: '2026-03-11' }])
    expect(inbox[0].body).toBe('You focused 75 minutes on 2026-03-10, reaching your goal of 60 minutes.')
  })

  it('tells each recipient of a shared session, and not its owner', async () => {
    const [owner, first, second] = [newUser(), newUser(), newUser()]
    const sessionId = randomUUID()
    await apply(shared(owner, [first, second], sessionId))
    await apply(shared(owner, [second], sessionId))
    for (const recipient of [first, second]) {
      const inbox = await inboxOf(recipient)
      expect(inbox.map((row) => [row.kind, row.data])).toEqual([
        ['focus_session_shared', { sessionId, sharedBy: owner }],
      ])
    }
    expect(await inboxOf(owner)).toEqual([])
  })

  it('tells the invitee of a project invitation', async () => {
    const me = newUser()
    const event = invitation(me, 'Garden')
    await apply(event)
    await apply(event)
    const inbox = await inboxOf(me)
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({
      kind: 'project_invitation',
      title: 'Invitation to Garden',
      data: { projectId: event.data.projectId, invitationId: event.data.invitationId, invitedBy: event.data.invitedBy },
    })
  })

  it('publishes each new notification once, with the unread count after it', async () => {
    const me = newUser()
    await apply(goal(me), goal(me, '2026-03-11'), achievement(me))
    await apply(achievement(me))
    const events = await outboxEvents(service.db, { type: 'notification.created', userId: me })
    const inbox = await inboxOf(me)
    expect(events.map((event) => event.data)).toEqual(
      inbox.map((row, index) => ({
        notificationId: row.id,
        kind: row.kind,
        title: row.title,
        body: row.body,
        data: row.data,
        createdAt: row.created_at.toISOString(),
        unreadCount: index + 1,
      })),
    )
    expect(events.every((event) => event.producer === 'notification-service')).toBe(true)
  })
})

describe('accounts', () => {
  it('tells a suspended account nothing, and an account active again as before', async () => {
    const me = newUser()
    await apply(statusChanged(me, 'suspended'), goal(me))
    expect(await inboxOf(me)).toEqual([])
    await apply(statusChanged(me, 'active'), goal(me, '2026-03-11'))
    expect((await inboxOf(me)).map((row) => row.data)).toEqual([{ localDate: '2026-03-11' }])
  })

  it("erases a deleted user's notifications, and tells them nothing after", async () => {
    const [me, other] = [newUser(), newUser()]
    await apply(goal(me), goal(other))
    await apply(consumed('auth.user.deleted', me, {}), invitation(me))
    expect(await inboxOf(me)).toEqual([])
    expect(await inboxOf(other)).toHaveLength(1)
    const counts = await service.db
      .selectFrom('unread_counts')
      .selectAll()
      .where('user_id', 'in', [me, other])
      .execute()
    expect(counts).toEqual([{ user_id: other, unread: 1 }])
  })
})
