import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, type SignedUp, send, signUp } from './client.ts'

const as = (user: SignedUp) => ({ authorization: user.authorization })

describe('direct messages through NGINX', () => {
  it('sends a message told live, counts it unread, shows the read receipt; a block cuts the conversation', async () => {
    const tag = `Dm${randomUUID().slice(0, 8)}`
    const [ada, grace] = await Promise.all([
      signUp({ displayName: `${tag} Ada` }),
      signUp({ displayName: `${tag} Grace` }),
    ])
    const live = await openSse(`${api}/events`, as(grace))
    await live.named('ready')

    // Grace's profile reaches social-service through auth.user.registered: the conversation opens once it has.
    const opened = await eventually(
      () => send('POST', '/social/conversations/direct', { ...as(ada), body: { userId: grace.userId } }),
      (answer) => answer.status === 201,
    )
    const conversationId: string = opened.body.id
    const again = await send('POST', '/social/conversations/direct', { ...as(ada), body: { userId: grace.userId } })
    expect(again).toMatchObject({ status: 200, body: { id: conversationId } })

    const body = 'Pairing at 10? <b>not bold</b> https://example.com'
    const sent = await send('POST', `/social/conversations/${conversationId}/messages`, { ...as(ada), body: { body } })
    expect(sent.status).toBe(201)
    const messageId: string = sent.body.id
    const told = await live.until(() => live.events().find((event) => event.type === 'social.message.sent'), 15_000)
    expect(told).toMatchObject({ userId: ada.userId, data: { conversationId, messageId, body } })

    const inbox = await send('GET', '/social/conversations', as(grace))
    expect(inbox.body.items).toMatchObject([
      {
        id: conversationId,
        kind: 'direct',
        unreadCount: 1,
        with: { userId: ada.userId },
        lastMessage: { id: messageId },
      },
    ])
    const page = await send('GET', `/social/conversations/${conversationId}/messages`, as(grace))
    expect(page.body.items).toMatchObject([{ id: messageId, authorId: ada.userId, body }])

    const read = await send('PUT', `/social/conversations/${conversationId}/read`, {
      ...as(grace),
      body: { messageId },
    })
    expect(read).toMatchObject({ status: 200, body: { lastReadMessageId: messageId, unreadCount: 0 } })
    const seen = await send('GET', `/social/conversations/${conversationId}`, as(ada))
    const graceMember = seen.body.members.find(
      (member: { user: { userId: string } }) => member.user.userId === grace.userId,
    )
    expect(graceMember.lastReadMessageId).toBe(messageId)

    // A stranger sees nothing of it.
    const stranger = await signUp({ displayName: `${tag} Eve` })
    const hidden = await send('GET', `/social/conversations/${conversationId}/messages`, as(stranger))
    expect(hidden.status).toBe(404)

    // Grace blocks Ada: the conversation is gone for both, and Ada's next message is refused as if it never was.
    expect((await send('PUT', `/social/blocks/${ada.userId}`, as(grace))).status).toBe(200)
    const refused = await send('POST', `/social/conversations/${conversationId}/messages`, {
      ...as(ada),
      body: { body: 'still there?' },
    })
    expect(refused.status).toBe(404)
    expect((await send('GET', '/social/conversations', as(ada))).body.items).toEqual([])
    expect((await send('GET', '/social/conversations', as(grace))).body.items).toEqual([])
    await live.close()
  })
})
