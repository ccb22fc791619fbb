import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Auth,
  expectProblem,
  outboxEvents,
  startFocusService,
  startWithDirectory,
  type TestService,
} from './support.ts'

let service: TestService
let standIn: Awaited<ReturnType<typeof startWithDirectory>>
const person = (email: string, displayName: string) => standIn.person(email, displayName)

beforeAll(async () => {
  standIn = await startWithDirectory('2026-06-01T12:00:00Z')
  service = standIn.service
})
afterAll(() => standIn.close())

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
    expect(shared.json()).toMatchObject({
      sessionId: session.id,
      recipientIds: [friend.id],
      recipients: [{ userId: friend.id, displayName: null }],
    })
    const [event] = (await outboxEvents(service.db, { type: 'focus.session.shared' })).filter(
      (e) => e.data.sessionId === session.id,
    )
    expect(event.data.recipientIds).toEqual([friend.id])

    const list = (
      await service.app.inject({ method: 'GET', url: '/focus/sessions/shared', headers: friend.auth })
    ).json()
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ id: session.id, ownerId: owner.id, ownerName: null, allowedActions: [] })
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
    expect(expectProblem(await share({ userIds: [owner.id] }), 422, 'share-with-self').errors).toEqual([
      { field: '/body/userIds/0', message: 'names you' },
    ])
    expectProblem(await share({ userIds: [] }), 400)
    expectProblem(await share({ userIds: ['nope'] }), 400)
  })
})

describe('sharing by e-mail', () => {
  const shareWith = (auth: Auth, sessionId: string, payload: object) =>
    service.app.inject({ method: 'POST', url: `/focus/sessions/${sessionId}/shares`, headers: auth, payload })

  it('finds each person by e-mail (any case) through the directory and shares with them', async () => {
    const owner = await person('ada@example.com', 'Ada')
    const grace = await person('grace@example.com', 'Grace')
    const alan = await person('alan@example.com', 'Alan')
    const session = await loggedSession(owner.auth)
    const shared = await shareWith(owner.auth, session.id, { emails: ['Grace@Example.com', 'alan@example.com'] })
    expect(shared.statusCode, shared.body).toBe(200)
    const recipients = [
      { userId: grace.id, displayName: 'Grace' },
      { userId: alan.id, displayName: 'Alan' },
    ].sort((a, b) => a.userId.localeCompare(b.userId))
    expect(shared.json()).toMatchObject({ sessionId: session.id, recipients })
    expect(shared.json().recipientIds).toEqual(recipients.map((recipient) => recipient.userId))
    const again = await shareWith(owner.auth, session.id, { emails: ['grace@example.com'] })
    expect(again.json().recipients).toEqual(recipients)
    const events = (await outboxEvents(service.db, { type: 'focus.session.shared' })).filter(
      (e) => e.data.sessionId === session.id,
    )
    expect(events).toHaveLength(1)
    expect(events[0].data.recipientIds).toEqual(expect.arrayContaining([grace.id, alan.id]))
    const list = await service.app.inject({ method: 'GET', url: '/focus/sessions/shared', headers: alan.auth })
    expect(list.json().items).toMatchObject([{ id: session.id, ownerId: owner.id, ownerName: 'Ada' }])
  })

  it('names every e-mail without an account (422) and shares with nobody', async () => {
    const owner = await person('owner-unknown@example.com', 'Owner')
    await person('known@example.com', 'Known')
    const session = await loggedSession(owner.auth)
    const problem = expectProblem(
      await shareWith(owner.auth, session.id, {
        emails: ['nobody@example.com', 'known@example.com', 'ghost@example.com'],
      }),
      422,
      'recipient-unknown',
    )
    expect(problem.detail).toContain('nobody@example.com')
    expect(problem.detail).toContain('ghost@example.com')
    expect(problem.errors).toEqual([
      { field: '/body/emails/0', message: 'no account has this e-mail' },
      { field: '/body/emails/2', message: 'no account has this e-mail' },
    ])
    const shares = await service.app.inject({
      method: 'GET',
      url: `/focus/sessions/${session.id}/shares`,
      headers: owner.auth,
    })
    expect(shares.json().recipientIds).toEqual([])
  })

  it('refuses your own e-mail (422), bad lists (400), another’s session before any look-up (404)', async () => {
    const owner = await person('self@example.com', 'Self')
    const friend = await person('friend-of-self@example.com', 'Friend')
    const session = await loggedSession(owner.auth)
    const self = expectProblem(
      await shareWith(owner.auth, session.id, { emails: ['friend-of-self@example.com', 'SELF@example.com'] }),
      422,
      'share-with-self',
    )
    expect(self.errors).toEqual([{ field: '/body/emails/1', message: 'names you' }])
    expectProblem(await shareWith(owner.auth, session.id, { emails: ['a@example.com'], userIds: [friend.id] }), 400)
    expectProblem(await shareWith(owner.auth, session.id, {}), 400)
    expectProblem(await shareWith(owner.auth, session.id, { emails: [] }), 400)
    expectProblem(await shareWith(owner.auth, session.id, { emails: ['not an e-mail'] }), 400)
    const tooMany = Array.from({ length: 51 }, (_, index) => `person${index}@example.com`)
    expectProblem(await shareWith(owner.auth, session.id, { emails: tooMany }), 400)
    expectProblem(await shareWith(friend.auth, session.id, { emails: ['nobody@example.com'] }), 404, 'not-found')
  })

  it('answers 503 while the directory cannot be reached', async () => {
    const offline = await startFocusService({ AUTH_SERVICE_URL: 'http://127.0.0.1:9', AUTH_LOOKUP_TIMEOUT_MS: '500' })
    try {
      const owner = await offline.user()
      const logged = await offline.app.inject({
        method: 'POST',
        url: '/focus/sessions/manual',
        headers: owner.auth,
        payload: { startedAt: '2026-03-02T08:00:00Z', endedAt: '2026-03-02T08:40:00Z' },
      })
      const answer = await offline.app.inject({
        method: 'POST',
        url: `/focus/sessions/${logged.json().id}/shares`,
        headers: owner.auth,
        payload: { emails: ['grace@example.com'] },
      })
      expectProblem(answer, 503, 'service-unavailable')
      expect(answer.headers['retry-after']).toBeDefined()
    } finally {
      await offline.close()
    }
  })
})

describe('the sessions shared with me', () => {
  it("names each one's owner, page by page (null while unknown), and follows a renamed owner", async () => {
    const recipient = await service.user()
    const named = await person('lin@example.com', 'Lin')
    const unknown = await service.user()
    const renamed = await person('kay@example.com', 'Kay')
    const sessions = []
    for (const owner of [named, unknown, renamed]) {
      const session = await loggedSession(owner.auth)
      const shared = await service.app.inject({
        method: 'POST',
        url: `/focus/sessions/${session.id}/shares`,
        headers: owner.auth,
        payload: { userIds: [recipient.id] },
      })
      expect(shared.statusCode, shared.body).toBe(200)
      sessions.push(session)
    }
    const page = async (query: string) => {
      const answer = await service.app.inject({
        method: 'GET',
        url: `/focus/sessions/shared?${query}`,
        headers: recipient.auth,
      })
      expect(answer.statusCode, answer.body).toBe(200)
      return answer.json()
    }

    const first = await page('limit=2')
    expect(first.items).toMatchObject([
      { id: sessions[2].id, ownerId: renamed.id, ownerName: 'Kay' },
      { id: sessions[1].id, ownerId: unknown.id, ownerName: null },
    ])
    await service.db
      .updateTable('user_profiles')
      .set({ display_name: 'Kay Lovelace' })
      .where('user_id', '=', renamed.id)
      .execute()
    const second = await page(`limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    expect(second).toMatchObject({ items: [{ id: sessions[0].id, ownerId: named.id, ownerName: 'Lin' }] })
    expect(second.nextCursor).toBeNull()
    expect((await page('limit=1')).items).toMatchObject([{ ownerId: renamed.id, ownerName: 'Kay Lovelace' }])
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
