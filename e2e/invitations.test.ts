import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, send, signUp } from './client.ts'

/**
 * Membership by invitation through NGINX: nobody is made a member without saying yes, nothing of the
 * project shows before, and the inviter cannot tell from any answer whether an e-mail has an account.
 */

const inviteByEmail = (authorization: string, projectId: string, email: string) =>
  send('POST', `/projects/${projectId}/invitations`, { authorization, body: { email, role: 'editor' } })

describe('project invitations', () => {
  it('the invitee is told live, sees nothing before accepting, and the members see them join', async () => {
    const owner = await signUp()
    const invitee = await signUp()
    const project = await send('POST', '/projects', {
      authorization: owner.authorization,
      body: { name: 'Invite e2e' },
    })
    expect(project.status).toBe(201)
    const projectId = project.body.id as string
    const ownerStream = await openSse(`${api}/events`, { authorization: owner.authorization })
    const inviteeStream = await openSse(`${api}/events`, { authorization: invitee.authorization })
    await Promise.all([ownerStream.named('ready'), inviteeStream.named('ready')])
    try {
      // Adding straight away is gone: membership is only ever offered (the path lists its members only).
      const forced = await send('POST', `/projects/${projectId}/members`, {
        authorization: owner.authorization,
        body: { email: invitee.email, role: 'editor' },
      })
      expect(forced.status).toBe(405)
      expect(forced.headers.get('allow')).not.toMatch(/POST/)

      const toAccount = await inviteByEmail(owner.authorization, projectId, invitee.email)
      const toNobody = await inviteByEmail(owner.authorization, projectId, `e2e-nobody-${randomUUID()}@example.com`)
      for (const answer of [toAccount, toNobody]) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(202)
        expect(Object.keys(answer.body).sort()).toEqual([
          'email',
          'expiresAt',
          'id',
          'invitedAt',
          'projectId',
          'role',
          'userId',
        ])
      }
      expect(toAccount.body.userId).toBeNull()

      const told = await inviteeStream.until(
        () => inviteeStream.events().find((e) => e.type === 'project.invitation_received'),
        15_000,
      )
      expect(told).toMatchObject({ userId: invitee.userId, data: { invitationId: toAccount.body.id, projectId } })

      const waiting = await send('GET', '/invitations', { authorization: invitee.authorization })
      expect(waiting.status).toBe(200)
      expect(waiting.body).toMatchObject({
        items: [
          { id: toAccount.body.id, projectId, projectName: 'Invite e2e', role: 'editor', invitedBy: owner.userId },
        ],
        nextCursor: null,
      })
      expect((await send('GET', `/projects/${projectId}`, { authorization: invitee.authorization })).status).toBe(404)
      expect(
        (await send('GET', `/tasks?projectId=${projectId}`, { authorization: invitee.authorization })).status,
      ).toBe(404)

      const accepted = await send('POST', `/invitations/${toAccount.body.id}/accept`, {
        authorization: invitee.authorization,
      })
      expect(accepted.status).toBe(200)
      expect(accepted.body).toMatchObject({ projectId, userId: invitee.userId, role: 'editor' })
      const joined = await ownerStream.until(
        () => ownerStream.events().find((e) => e.type === 'project.member_added'),
        15_000,
      )
      expect(joined.data).toMatchObject({ projectId, memberId: invitee.userId })
      expect(ownerStream.events().map((e) => e.type)).not.toContain('project.invitation_received')
      const read = await send('GET', `/projects/${projectId}`, { authorization: invitee.authorization })
      expect(read.body).toMatchObject({ role: 'editor' })
    } finally {
      await Promise.all([ownerStream.close(), inviteeStream.close()])
    }
  })

  it('a declined invitation is gone for the invitee and still open for the owner', async () => {
    const owner = await signUp()
    const invitee = await signUp()
    const project = await send('POST', '/projects', { authorization: owner.authorization, body: { name: 'Declined' } })
    const invitation = await inviteByEmail(owner.authorization, project.body.id, invitee.email)
    expect(invitation.status).toBe(202)
    const declined = await send('POST', `/invitations/${invitation.body.id}/decline`, {
      authorization: invitee.authorization,
    })
    expect(declined.status).toBe(204)
    expect((await send('GET', '/invitations', { authorization: invitee.authorization })).body.items).toEqual([])
    const open = await send('GET', `/projects/${project.body.id}/invitations`, { authorization: owner.authorization })
    expect(open.body.items).toEqual([invitation.body])
  })
})
