import { findMail } from '@focushub/shared/testing'
import { describe, expect, it } from 'vitest'
import { eventually, send, signUp } from './client.ts'
import { edgeUrl } from './stack.ts'

describe('notification e-mails through NGINX', () => {
  it('e-mails an invitation, and its one-click unsubscribe link works without signing in', async () => {
    const [owner, invitee] = await Promise.all([signUp(), signUp({ displayName: 'Grace' })])
    const project = await send('POST', '/projects', { authorization: owner.authorization, body: { name: 'Orchard' } })
    expect(project.status).toBe(201)
    const invited = await send('POST', `/projects/${project.body.id}/invitations`, {
      authorization: owner.authorization,
      body: { email: invitee.email, role: 'editor' },
    })
    expect(invited.status).toBe(202)

    const inbox = await eventually(
      () => send('GET', '/notifications', { authorization: invitee.authorization }),
      (answer) => answer.status === 200 && answer.body.items.length > 0,
    )
    const notificationId = inbox.body.items[0].id as string
    // The invitee may get other mail too (task-service's own invitation): this one is the notification's.
    const [mail] = await eventually(
      async () =>
        (await findMail({ to: invitee.email })).filter(
          (caught) => caught.headers['x-focushub-idempotency-key'] === `${notificationId}:email`,
        ),
      (found) => found.length > 0,
    )
    expect(mail.subject).toBe('Invitation to Orchard')
    expect(mail.text).toContain('Hi Grace,')
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
    const link = new URL(mail.headers['list-unsubscribe'].replace(/^<|>$/g, ''))
    expect(link.pathname).toBe('/api/v1/notifications/unsubscribe')
    const target = `${edgeUrl}${link.pathname}${link.search}`

    // A person opens the link: a page with the button, no sign-in, nothing changed yet.
    const page = await fetch(target)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await page.text()
    expect(html).toContain('<form method="post"')
    expect(html).not.toMatch(/<script/i)
    const before = await send('GET', '/notification-settings', { authorization: invitee.authorization })
    expect(before.body.kinds.project_invitation.email).toBe(true)

    // The mail client's one-click POST (RFC 8058), without any credential but the link.
    const clicked = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    const after = await send('GET', '/notification-settings', { authorization: invitee.authorization })
    expect(after.body.kinds.project_invitation).toEqual({ inApp: true, email: false })

    const forged = await fetch(`${edgeUrl}${link.pathname}?token=not-a-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(forged.status).toBe(400)
    expect(forged.headers.get('content-type')).toContain('application/problem+json')
  })
})
