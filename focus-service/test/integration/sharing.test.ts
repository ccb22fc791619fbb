import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Auth, expectProblem, outboxEvents, startFocusService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startFocusService()
  service.clock.set('2026-06-01T12:00:00Z')
})
afterAll(() => service.close())

async function loggedSession(auth: Auth) {
  const response = await service.app.inject({
    method: 'POST',
    url: '/focus/sessions/manual',
    headers: auth,
    payload: { startedAt: '2026-06-01T08:00:00Z', endedAt: '2026-06-01T08:40:00Z', note: 'private note' },
  })
  return response.json() as { id: string }
}

const audit = (sessionId: string) =>
  service.db
    .selectFrom('share_audit')
    .select(['action', 'actor_id'])
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute()

describe('sharing with users', () => {
  it('shares read-only, lists it for the recipient, revokes; every action audited and published', async () => {
    const owner = await service.user()
    const friend = await service.user()
    const stranger = await service.user()
    const session = await loggedSession(owner.auth)
    const shared = await service.app.inject({
      method: 'POST',
      url: `/focus/sessions/${session.id}/shares`,
      headers: owner.auth,
      payload: { userIds: [friend.id] },
    })
    expect(shared.json()).toMatchObject({ sessionId: session.id, recipientIds: [friend.id] })
    const [event] = (await outboxEvents(service.db, { type: 'focus.session.shared' })).filter(
      (e) => e.data.sessionId === session.id,
    )
    expect(event.data.recipientIds).toEqual([friend.id])

    const list = (
      await service.app.inject({ method: 'GET', url: '/focus/sessions/shared', headers: friend.auth })
    ).json()
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ id: session.id, ownerId: owner.id, allowedActions: [] })
    const strangerList = await service.app.inject({
      method: 'GET',
      url: '/focus/sessions/shared',
      headers: stranger.auth,
    })
    expect(strangerList.json().items).toEqual([])

    // Read-only: the recipient cannot change, reshare or even address it as their own.
    expectProblem(
      await service.app.inject({ method: 'DELETE', url: `/focus/sessions/${session.id}`, headers: friend.auth }),
      404,
    )
    expectProblem(
      await service.app.inject({
        method: 'POST',
        url: `/focus/sessions/${session.id}/shares`,
        headers: friend.auth,
        payload: { userIds: [stranger.id] },
      }),
      404,
    )

    const revoked = await service.app.inject({
      method: 'DELETE',
      url: `/focus/sessions/${session.id}/shares/${friend.id}`,
      headers: owner.auth,
    })
    expect(revoked.statusCode).toBe(204)
    expect(
      (await service.app.inject({ method: 'GET', url: '/focus/sessions/shared', headers: friend.auth })).json().items,
    ).toEqual([])
    expectProblem(
      await service.app.inject({
        method: 'DELETE',
        url: `/focus/sessions/${session.id}/shares/${friend.id}`,
        headers: owner.auth,
      }),
      404,
    )
    expect((await audit(session.id)).map((row) => row.action)).toEqual(['shared', 'unshared'])
  })

  it('refuses sharing with yourself and bad recipient lists', async () => {
    const owner = await service.user()
    const session = await loggedSession(owner.auth)
    const share = (payload: object) =>
      service.app.inject({ method: 'POST', url: `/focus/sessions/${session.id}/shares`, headers: owner.auth, payload })
    expectProblem(await share({ userIds: [owner.id] }), 422)
    expectProblem(await share({ userIds: [] }), 400)
    expectProblem(await share({ userIds: ['nope'] }), 400)
  })
})

describe('public links', () => {
  it('shows the session without a token, without identities or note; 410 once revoked', async () => {
    const owner = await service.user()
    const session = await loggedSession(owner.auth)
    const created = await service.app.inject({
      method: 'POST',
      url: `/focus/sessions/${session.id}/links`,
      headers: owner.auth,
      payload: {},
    })
    expect(created.statusCode, created.body).toBe(201)
    const link = created.json()
    expect(link.path).toBe(`/api/v1/focus/public/${link.token}`)
    const stored = await service.db
      .selectFrom('public_links')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(link.token)

    const shown = await service.app.inject({ method: 'GET', url: `/focus/public/${link.token}` })
    expect(shown.statusCode).toBe(200)
    expect(shown.json()).toMatchObject({ status: 'completed', focusedMinutes: 40 })
    expect(shown.body).not.toContain('private note')
    expect(shown.body).not.toContain(owner.id)

    expectProblem(
      await service.app.inject({
        method: 'DELETE',
        url: `/focus/sessions/${session.id}/links/${link.id}`,
        headers: (await service.user()).auth,
      }),
      404,
    )
    const revoke = await service.app.inject({
      method: 'DELETE',
      url: `/focus/sessions/${session.id}/links/${link.id}`,
      headers: owner.auth,
    })
    expect(revoke.statusCode).toBe(204)
    expectProblem(await service.app.inject({ method: 'GET', url: `/focus/public/${link.token}` }), 410)
    expect((await audit(session.id)).map((row) => row.action)).toEqual(['link_created', 'link_revoked'])
  })

  it('expires: 410 after its time', async () => {
    const owner = await service.user()
    const session = await loggedSession(owner.auth)
    const link = (
      await service.app.inject({
        method: 'POST',
        url: `/focus/sessions/${session.id}/links`,
        headers: owner.auth,
        payload: { expiresInHours: 1 },
      })
    ).json()
    expect((await service.app.inject({ method: 'GET', url: `/focus/public/${link.token}` })).statusCode).toBe(200)
    service.clock.advanceMinutes(61)
    expectProblem(await service.app.inject({ method: 'GET', url: `/focus/public/${link.token}` }), 410)
    const shares = (
      await service.app.inject({ method: 'GET', url: `/focus/sessions/${session.id}/shares`, headers: owner.auth })
    ).json()
    expect(shares.links).toHaveLength(1)
  })

  it('answers 404 for an unknown token and 400 for a malformed one', async () => {
    expectProblem(await service.app.inject({ method: 'GET', url: `/focus/public/${'a'.repeat(43)}` }), 404)
    expectProblem(await service.app.inject({ method: 'GET', url: '/focus/public/short' }), 400)
    const owner = await service.user()
    const session = await loggedSession(owner.auth)
    const bad = await service.app.inject({
      method: 'POST',
      url: `/focus/sessions/${session.id}/links`,
      headers: owner.auth,
      payload: { expiresInHours: 10_000 },
    })
    expectProblem(bad, 400)
  })
})
