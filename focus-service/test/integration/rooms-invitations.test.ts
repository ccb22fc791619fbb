import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startWithDirectory, type TestService } from './support.ts'

let service: TestService
let standIn: Awaited<ReturnType<typeof startWithDirectory>>
const person = (email: string, displayName: string) => standIn.person(email, displayName)

beforeAll(async () => {
  standIn = await startWithDirectory('2026-12-06T12:00:00Z')
  service = standIn.service
})
afterAll(() => standIn.close())

const invite = (auth: Auth, roomId: string, payload: object) =>
  service.app.inject({ method: 'POST', url: `/focus/rooms/${roomId}/invitations`, headers: auth, payload })

describe('inviting people by e-mail', () => {
  it('resolves e-mails and ids together, names each unknown one, refuses the host', async () => {
    const host = await person('host@example.com', 'Host')
    const grace = await person('grace@example.com', 'Grace')
    const alan = await person('alan@example.com', 'Alan')
    const created = await service.app.inject({
      method: 'POST',
      url: '/focus/rooms',
      headers: host.auth,
      payload: { name: 'Reading group', visibility: 'private' },
    })
    const roomId = created.json().id

    const unknown = expectProblem(
      await invite(host.auth, roomId, { emails: ['nobody@example.com', 'grace@example.com', 'ghost@example.com'] }),
      422,
      'recipient-unknown',
    )
    expect(unknown.errors).toEqual([
      { field: '/body/emails/0', message: 'no account has this e-mail' },
      { field: '/body/emails/2', message: 'no account has this e-mail' },
    ])
    expectProblem(await invite(host.auth, roomId, { emails: ['HOST@example.com'] }), 422, 'invite-self')
    expectProblem(await invite(host.auth, roomId, {}), 400, 'validation-failed')
    expectProblem(await invite(host.auth, roomId, { userIds: [] }), 400, 'validation-failed')
    const many = {
      userIds: Array.from({ length: 30 }, () => randomUUID()),
      emails: Array.from({ length: 21 }, (_, i) => `p${i}@example.com`),
    }
    expectProblem(await invite(host.auth, roomId, many), 422, 'too-many-invitees')

    const sent = await invite(host.auth, roomId, { emails: ['Grace@Example.com'], userIds: [alan.id, grace.id] })
    expect(sent.statusCode, sent.body).toBe(201)
    expect(sent.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: grace.id, displayName: 'Grace', invitedBy: host.id }),
        expect.objectContaining({ userId: alan.id, displayName: 'Alan', invitedBy: host.id }),
      ]),
    )
    expect(sent.json().items).toHaveLength(2)
    const [event] = (await outboxEvents(service.db, { type: 'focus.room.invited' })).filter(
      (e) => e.data.roomId === roomId,
    )
    expect(new Set(event.data.inviteeIds as string[])).toEqual(new Set([grace.id, alan.id]))
    expect(new Set(event.data.audience as string[])).toEqual(new Set([host.id, grace.id, alan.id]))

    // Inviting again changes nothing and publishes nothing.
    expect((await invite(host.auth, roomId, { userIds: [grace.id] })).statusCode).toBe(201)
    expect(
      (await outboxEvents(service.db, { type: 'focus.room.invited' })).filter((e) => e.data.roomId === roomId),
    ).toHaveLength(1)
  })
})
