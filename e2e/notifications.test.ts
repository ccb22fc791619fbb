import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, send, signUp } from './client.ts'

interface Notification {
  id: string
  kind: string
  title: string
  data: { projectId?: string; invitationId?: string }
  readAt: string | null
}

describe('notifications through NGINX', () => {
  it('tells an invited user in the inbox and live, and lets them read and delete it', async () => {
    const [owner, invitee, stranger] = await Promise.all([signUp(), signUp(), signUp()])
    const live = await openSse(`${api}/events`, { authorization: invitee.authorization })
    await live.named('ready')

    const project = await send('POST', '/projects', { authorization: owner.authorization, body: { name: 'Garden' } })
    expect(project.status).toBe(201)
    const invited = await send('POST', `/projects/${project.body.id}/invitations`, {
      authorization: owner.authorization,
      body: { email: invitee.email, role: 'viewer' },
    })
    expect(invited.status).toBe(202)

    const inbox = await eventually(
      () => send('GET', '/notifications', { authorization: invitee.authorization }),
      (answer) => answer.status === 200 && answer.body.items.length > 0,
    )
    const [notification] = inbox.body.items as Notification[]
    expect(notification).toMatchObject({
      kind: 'project_invitation',
      title: 'Invitation to Garden',
      data: { projectId: project.body.id },
      readAt: null,
    })
    const count = await send('GET', '/notifications/unread-count', { authorization: invitee.authorization })
    expect(count.body).toEqual({ unread: 1 })

    const created = await live.until(() => live.events().find((event) => event.type === 'notification.created'), 15_000)
    expect(created).toMatchObject({
      userId: invitee.userId,
      data: { notificationId: notification.id, kind: 'project_invitation', unreadCount: 1 },
    })

    const foreign = await send('POST', `/notifications/${notification.id}/read`, {
      authorization: stranger.authorization,
    })
    expect(foreign.status).toBe(404)
    expect(foreign.headers.get('content-type')).toContain('application/problem+json')

    const read = await send('POST', `/notifications/${notification.id}/read`, { authorization: invitee.authorization })
    expect(read.status).toBe(200)
    expect(read.body.readAt).toEqual(expect.any(String))
    const after = await send('GET', '/notifications/unread-count', { authorization: invitee.authorization })
    expect(after.body).toEqual({ unread: 0 })
    const readEvent = await live.until(() => live.events().find((event) => event.type === 'notification.read'), 15_000)
    expect(readEvent.data).toMatchObject({ notificationId: notification.id, unreadCount: 0 })

    const deleted = await send('DELETE', `/notifications/${notification.id}`, { authorization: invitee.authorization })
    expect(deleted.status).toBe(204)
    const empty = await send('GET', '/notifications', { authorization: invitee.authorization })
    expect(empty.body).toEqual({ items: [], nextCursor: null })
    await live.close()
  })

  it("keeps each user's settings, with defaults until changed", async () => {
    const { authorization } = await signUp()
    const defaults = await send('GET', '/notification-settings', { authorization })
    expect(defaults.status).toBe(200)
    expect(defaults.body).toMatchObject({
      muted: false,
      quietHours: null,
      kinds: { project_invitation: { inApp: true } },
    })
    const body = { muted: true, quietHours: { start: '22:00', end: '07:00' } }
    const saved = await send('PUT', '/notification-settings', { authorization, body })
    expect(saved.status).toBe(200)
    expect((await send('GET', '/notification-settings', { authorization })).body).toEqual(saved.body)
    expect(saved.body).toMatchObject(body)
  })

  it('answers bad input with 400 problem+json and no token with 401', async () => {
    const { authorization } = await signUp()
    const bad = await send('GET', '/notifications?order=oldest', { authorization })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
    expect((await send('POST', '/notifications/not-a-uuid/read', { authorization })).status).toBe(400)
    expect((await send('GET', '/notifications')).status).toBe(401)
  })
})
