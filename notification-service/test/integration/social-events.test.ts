import { randomUUID } from 'node:crypto'
import type { ConsumedEvent, EventType } from '@focushub/shared/events'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consumed,
  deliverEvents,
  newUser,
  outboxEvents,
  startNotificationService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startNotificationService({ JOB_WORKER_ENABLED: 'false' })
})
afterAll(() => service.close())

const apply = (...events: ConsumedEvent<EventType>[]) => deliverEvents(service, events)

const inboxOf = (userId: string) =>
  service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()

/** A user this service knows by name, as auth.user.registered tells it. */
async function named(displayName: string) {
  const userId = newUser()
  await apply(
    consumed('auth.user.registered', userId, {
      email: `${userId}@example.test`,
      displayName,
      role: 'user',
      timezone: 'UTC',
      dayStartHour: 0,
    }),
  )
  return userId
}

const requested = (from: string, to: string) =>
  consumed('social.friend.requested', from, { addresseeId: to, audience: [to] })
const accepted = (by: string, requester: string) =>
  consumed('social.friend.accepted', by, { requesterId: requester, audience: [requester, by] })
const followed = (follower: string, followee: string) =>
  consumed('social.user.followed', follower, { followeeId: followee, audience: [followee] })
const sent = (sender: string, conversationId: string, members: string[], mutedBy?: string[], title?: string) =>
  consumed('social.message.sent', sender, {
    conversationId,
    audience: members,
    ...(mutedBy ? { mutedBy } : {}),
    ...(title ? { title } : {}),
    messageId: uuidv7(),
    body: 'see you at nine',
    sentAt: new Date().toISOString(),
  })

/** The member's read receipt up to the message `sent` made. */
const readUpTo = (reader: string, message: ConsumedEvent<'social.message.sent'>) =>
  consumed('social.conversation.read', reader, {
    conversationId: message.data.conversationId,
    audience: message.data.audience,
    lastReadMessageId: message.data.messageId,
  })

const unreadCountOf = async (userId: string) =>
  (await service.app.inject({ url: '/notifications/unread-count', headers: await service.bearer(userId) })).json()

const readAs = async (userId: string, notificationId: string) => {
  const response = await service.app.inject({
    method: 'POST',
    url: `/notifications/${notificationId}/read`,
    headers: await service.bearer(userId),
  })
  expect(response.statusCode).toBe(200)
}

describe('connections', () => {
  it('tells the addressee of a friend request by the requester’s name, once however often it comes', async () => {
    const [ada, bo] = [await named('Ada'), newUser()]
    const event = requested(ada, bo)
    await apply(event)
    await apply(event)
    await apply(requested(ada, bo))
    const inbox = await inboxOf(bo)
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({
      kind: 'friend_request',
      title: 'Ada wants to be friends',
      body: 'Accept or decline the request under People.',
      data: { personId: ada },
      read_at: null,
    })
    expect(await inboxOf(ada)).toEqual([])
    const created = await outboxEvents(service.db, { type: 'notification.created', userId: bo })
    expect(created.map((e) => e.data)).toMatchObject([{ notificationId: inbox[0].id, kind: 'friend_request' }])
  })

  it('tells the requester their request was accepted, and the followee of a new follower', async () => {
    const [ada, bo] = [await named('Ada'), await named('Bo')]
    await apply(accepted(bo, ada), followed(ada, bo), followed(ada, bo))
    expect((await inboxOf(ada)).map((row) => [row.kind, row.title, row.data])).toEqual([
      ['friend_accepted', 'Bo accepted your friend request', { personId: bo }],
    ])
    expect((await inboxOf(bo)).map((row) => [row.kind, row.title, row.data])).toEqual([
      ['new_follower', 'Ada follows you now', { personId: ada }],
    ])
  })

  it('names someone it has no name for "Someone"', async () => {
    const [stranger, me] = [newUser(), newUser()]
    await apply(followed(stranger, me))
    expect((await inboxOf(me)).map((row) => row.title)).toEqual(['Someone follows you now'])
  })
})

describe('direct messages', () => {
  it('counts a conversation’s messages in one unread notification per member but the sender', async () => {
    const [ada, bo, cy] = [await named('Ada'), newUser(), newUser()]
    const conversationId = randomUUID()
    const members = [ada, bo, cy]
    const first = sent(ada, conversationId, members)
    await apply(first)
    await apply(first)
    await apply(sent(ada, conversationId, members), sent(ada, conversationId, members))
    for (const member of [bo, cy]) {
      const inbox = await inboxOf(member)
      expect(inbox).toHaveLength(1)
      expect(inbox[0]).toMatchObject({
        kind: 'direct_message',
        title: '3 new messages, the latest from Ada',
        body: 'Open the conversation to read them.',
        data: { conversationId, senderId: ada, messageCount: 3 },
        read_at: null,
      })
      const created = await outboxEvents(service.db, { type: 'notification.created', userId: member })
      expect(created.map((e) => [e.data.title, e.data.unreadCount])).toEqual([['New message from Ada', 1]])
      const updated = await outboxEvents(service.db, { type: 'notification.updated', userId: member })
      expect(updated.map((e) => [e.data.notificationId, e.data.title, e.data.unreadCount])).toEqual([
        [inbox[0].id, '3 new messages, the latest from Ada', 1],
      ])
    }
    expect(await inboxOf(ada)).toEqual([])
  })

  it('starts a new notification for a message after the last one was read', async () => {
    const [ada, bo] = [await named('Ada'), await named('Bo')]
    const conversationId = randomUUID()
    await apply(sent(ada, conversationId, [ada, bo]), sent(ada, conversationId, [ada, bo]))
    const [told] = await inboxOf(bo)
    await readAs(bo, told.id)
    await apply(sent(ada, conversationId, [ada, bo]))
    const inbox = await inboxOf(bo)
    expect(inbox.map((row) => [row.title, row.data.messageCount, row.read_at === null])).toEqual([
      ['2 new messages, the latest from Ada', 2, false],
      ['New message from Ada', 1, true],
    ])
    const count = await service.app.inject({ url: '/notifications/unread-count', headers: await service.bearer(bo) })
    expect(count.json()).toEqual({ unread: 1 })
  })

  it('keeps one notification per conversation, and names the latest sender', async () => {
    const [ada, bo, me] = [await named('Ada'), await named('Bo'), newUser()]
    const [group, direct] = [randomUUID(), randomUUID()]
    const members = [ada, bo, me]
    await apply(
      sent(ada, group, members, undefined, 'Book club'),
      sent(ada, direct, [ada, me]),
      sent(bo, group, members, undefined, 'Book club'),
    )
    const inbox = await inboxOf(me)
    expect(Object.fromEntries(inbox.map((row) => [row.data.conversationId, row.title]))).toEqual({
      [group]: '2 new messages in Book club, the latest from Bo',
      [direct]: 'New message from Ada',
    })
  })

  it('counts messages told at once by two consumers into one notification', async () => {
    const [ada, bo, me] = [newUser(), newUser(), newUser()]
    const conversationId = randomUUID()
    const senders = [ada, bo, ada, bo, ada, bo, ada, bo]
    await Promise.all(senders.map((sender) => apply(sent(sender, conversationId, [ada, bo, me]))))
    const inbox = await inboxOf(me)
    expect(inbox.map((row) => row.data.messageCount)).toEqual([8])
  })

  it('e-mails a conversation’s notification once, when it starts, to a user who takes them by e-mail', async () => {
    const [ada, me] = [newUser(), newUser()]
    const conversationId = randomUUID()
    const settings = await service.app.inject({
      method: 'PUT',
      url: '/notification-settings',
      headers: await service.bearer(me),
      payload: { muted: false, quietHours: null, kinds: { direct_message: { inApp: true, email: true } } },
    })
    expect(settings.statusCode).toBe(200)
    await apply(sent(ada, conversationId, [ada, me]))
    await apply(sent(ada, conversationId, [ada, me]))
    const [told] = await inboxOf(me)
    const deliveries = await service.db.selectFrom('deliveries').select('notification_id').execute()
    expect(deliveries.filter((row) => row.notification_id === told.id)).toHaveLength(1)
  })
})

describe('reading a conversation', () => {
  it('marks its notification read when the read covers the latest message told, and says so live', async () => {
    const [ada, bo] = [await named('Ada'), newUser()]
    const conversationId = randomUUID()
    const messages = [sent(ada, conversationId, [ada, bo]), sent(ada, conversationId, [ada, bo])]
    await apply(...messages)
    await apply(followed(ada, bo))
    expect(await unreadCountOf(bo)).toEqual({ unread: 2 })
    const receipt = readUpTo(bo, messages[1])
    await apply(receipt)
    await apply(receipt)
    const [told] = (await inboxOf(bo)).filter((row) => row.kind === 'direct_message')
    expect(told.read_at).not.toBeNull()
    expect(await unreadCountOf(bo)).toEqual({ unread: 1 })
    const read = await outboxEvents(service.db, { type: 'notification.read', userId: bo })
    expect(read.map((e) => e.data)).toEqual([
      { notificationId: told.id, readAt: told.read_at?.toISOString(), unreadCount: 1 },
    ])
    expect(read[0].requestId).toBe(receipt.requestId)
  })

  it('leaves it unread when the read is older than its latest message, whatever order they arrive in', async () => {
    const [ada, bo] = [newUser(), newUser()]
    const conversationId = randomUUID()
    const [first, second, third] = [1, 2, 3].map(() => sent(ada, conversationId, [ada, bo]))
    await apply(first, second)
    await apply(readUpTo(bo, first))
    await apply(readUpTo(bo, second), third)
    const inbox = await inboxOf(bo)
    expect(inbox.map((row) => [row.data.messageCount, row.read_at])).toEqual([[3, null]])
    expect(await outboxEvents(service.db, { type: 'notification.read', userId: bo })).toEqual([])
    expect(await unreadCountOf(bo)).toEqual({ unread: 1 })
  })

  it('tells no message a receipt that came first covers, in the same run or an earlier one', async () => {
    const [ada, bo, cy] = [newUser(), newUser(), newUser()]
    const conversationId = randomUUID()
    const members = [ada, bo, cy]
    const [first, second, third] = [1, 2, 3].map(() => sent(ada, conversationId, members))
    await apply(readUpTo(bo, second))
    await apply(first, readUpTo(cy, first), second)
    expect(await inboxOf(bo)).toEqual([])
    expect((await inboxOf(cy)).map((row) => [row.data.messageCount, row.data.messageId])).toEqual([
      [1, second.data.messageId],
    ])
    await apply(readUpTo(bo, first), third)
    expect((await inboxOf(bo)).map((row) => [row.data.messageCount, row.data.messageId, row.read_at])).toEqual([
      [1, third.data.messageId, null],
    ])
    expect(await unreadCountOf(bo)).toEqual({ unread: 1 })
  })

  it('starts a new notification for a message after the one a receipt cleared', async () => {
    const [ada, bo] = [newUser(), newUser()]
    const conversationId = randomUUID()
    const first = sent(ada, conversationId, [ada, bo])
    await apply(first)
    await apply(readUpTo(bo, first))
    await apply(sent(ada, conversationId, [ada, bo]))
    expect((await inboxOf(bo)).map((row) => [row.data.messageCount, row.read_at === null])).toEqual([
      [1, false],
      [1, true],
    ])
    expect(await unreadCountOf(bo)).toEqual({ unread: 1 })
  })

  it('erases a deleted reader’s read positions', async () => {
    const [ada, bo] = [newUser(), newUser()]
    const message = sent(ada, randomUUID(), [ada, bo])
    await apply(readUpTo(bo, message), readUpTo(ada, message))
    await apply(consumed('auth.user.deleted', bo, {}))
    const kept = await service.db
      .selectFrom('conversation_reads')
      .select('user_id')
      .where('user_id', 'in', [ada, bo])
      .execute()
    expect(kept.map((row) => row.user_id)).toEqual([ada])
  })

  it('changes nothing for a reader who was told nothing, nor another member’s notification', async () => {
    const [ada, bo, cy] = [newUser(), newUser(), newUser()]
    const conversationId = randomUUID()
    const message = sent(ada, conversationId, [ada, bo, cy], [cy])
    await apply(message, readUpTo(cy, message), readUpTo(ada, message))
    expect(await inboxOf(cy)).toEqual([])
    expect(await inboxOf(ada)).toEqual([])
    expect((await inboxOf(bo)).map((row) => row.read_at)).toEqual([null])
    expect(await unreadCountOf(cy)).toEqual({ unread: 0 })
  })
})

describe('settings', () => {
  it('tells nothing of a kind whose in-app channel is off, nor anything to a muted user', async () => {
    const [ada, me, muted] = [await named('Ada'), newUser(), newUser()]
    const put = async (userId: string, payload: object) => {
      const response = await service.app.inject({
        method: 'PUT',
        url: '/notification-settings',
        headers: await service.bearer(userId),
        payload,
      })
      expect(response.statusCode).toBe(200)
    }
    const off = { inApp: false, email: false }
    await put(me, { muted: false, quietHours: null, kinds: { direct_message: off, new_follower: off } })
    await put(muted, { muted: true, quietHours: null })
    const conversationId = randomUUID()
    await apply(
      sent(ada, conversationId, [ada, me, muted]),
      followed(ada, me),
      followed(ada, muted),
      requested(ada, me),
      requested(ada, muted),
    )
    expect((await inboxOf(me)).map((row) => row.kind)).toEqual(['friend_request'])
    expect(await inboxOf(muted)).toEqual([])
  })

  it('tells no member who muted the conversation, and the others as before', async () => {
    const [ada, quiet, told] = [await named('Ada'), newUser(), newUser()]
    const conversationId = randomUUID()
    await apply(sent(ada, conversationId, [ada, quiet, told], [quiet]))
    expect(await inboxOf(quiet)).toEqual([])
    expect((await inboxOf(told)).map((row) => row.kind)).toEqual(['direct_message'])
  })
})
