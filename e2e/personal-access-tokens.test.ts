import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { type Answer, eventually, type SignedUp, send, signUp } from './client.ts'
import { processes } from './stack.ts'

/**
 * Issue #30, personal access tokens, as a script uses one through NGINX: the gateway trades it for an
 * access token limited to its scopes, refuses what they do not cover (403 naming the scope), gives it a
 * rate-limit budget of its own, and stops honouring it within seconds of its revocation.
 */

const bearer = (token: string) => `Bearer ${token}`

async function createToken(user: SignedUp, scopes: string[], name = 'script') {
  const created = await send('POST', '/auth/tokens', {
    authorization: user.authorization,
    body: { name, scopes, expiresInDays: 7 },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body as { id: string; token: string; tokenHint: string }
}

function expectScopeRefusal(answer: Answer, scope?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(403)
  expect(answer.headers.get('content-type')).toContain('application/problem+json')
  expect(answer.body.code).toBe('insufficient-scope')
  expect(answer.body.scope).toBe(scope)
  expect(answer.headers.get('www-authenticate')).toBe(
    `Bearer error="insufficient_scope"${scope ? `, scope="${scope}"` : ''}`,
  )
}

describe('personal access tokens', () => {
  it('reach what their scopes cover and nothing else', async () => {
    const user = await signUp()
    const { token } = await createToken(user, ['tasks:write', 'habits:read'])
    const authorization = bearer(token)

    const task = await send('POST', '/tasks', { authorization, body: { title: 'made by a script' } })
    expect(task.status, JSON.stringify(task.body)).toBe(201)
    const tasks = await send('GET', '/tasks', { authorization })
    expect(tasks.status).toBe(200)
    expect(tasks.body.items.map((item: { id: string }) => item.id)).toContain(task.body.id)
    // As the owner sees it: the same account.
    const mine = await send('GET', `/tasks/${task.body.id}`, { authorization: user.authorization })
    expect(mine.status).toBe(200)
    expect((await send('GET', '/habits', { authorization })).status).toBe(200)

    expectScopeRefusal(await send('POST', '/habits', { authorization, body: { name: 'Read' } }), 'habits:write')
    expectScopeRefusal(await send('GET', '/focus/sessions/current', { authorization }), 'focus:read')
    expectScopeRefusal(await send('GET', '/dashboard', { authorization }), 'focus:read')
    // The account itself, and making more tokens, need a sign-in.
    expectScopeRefusal(await send('GET', '/auth/me', { authorization }))
    expectScopeRefusal(await send('GET', '/auth/tokens', { authorization }))
    expectScopeRefusal(
      await send('POST', '/auth/tokens', {
        authorization,
        body: { name: 'x', scopes: ['tasks:read'], expiresInDays: 1 },
      }),
    )
  })

  it('is an access token only at the gateway: a service reached directly refuses it', async () => {
    const user = await signUp()
    const { token } = await createToken(user, ['tasks:read'])
    const direct = await send('GET', '/tasks', { authorization: bearer(token), base: processes['task-service'] })
    expect(direct.status).toBe(401)
  })

  it('answers 401 with a Bearer challenge for an unknown token', async () => {
    const unknown = await send('GET', '/tasks', {
      authorization: bearer(`fhp_${randomBytes(32).toString('base64url')}`),
    })
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    expect(unknown.body.detail).toContain('personal access token')
  })

  it('has a rate-limit budget of its own, apart from its owner’s sign-in and other tokens', async () => {
    const user = await signUp()
    const first = bearer((await createToken(user, ['tasks:read'], 'first')).token)
    const second = bearer((await createToken(user, ['tasks:read'], 'second')).token)
    const remaining = async (authorization: string) =>
      Number((await send('GET', '/tasks', { authorization })).headers.get('ratelimit-remaining'))
    for (let request = 0; request < 4; request++) await remaining(first)
    const firstLeft = await remaining(first)
    expect(await remaining(second)).toBeGreaterThan(firstLeft)
    expect(await remaining(user.authorization)).toBeGreaterThan(firstLeft)
  })

  it('lists tokens with their last use, and stops honouring a revoked one within seconds', async () => {
    const user = await signUp()
    const { id, token, tokenHint } = await createToken(user, ['tasks:read'])
    const authorization = bearer(token)
    expect((await send('GET', '/tasks', { authorization })).status).toBe(200)

    const listed = await send('GET', '/auth/tokens', { authorization: user.authorization })
    expect(listed.body.items).toEqual([expect.objectContaining({ id, tokenHint, lastUsedAt: expect.any(String) })])
    expect(JSON.stringify(listed.body)).not.toContain(token)

    const revoked = await send('DELETE', `/auth/tokens/${id}`, { authorization: user.authorization })
    expect(revoked.status).toBe(204)
    // The gateway's access token for it is refused by its sid, as an ended sign-in's.
    await eventually(
      () => send('GET', '/tasks', { authorization }),
      (answer) => answer.status === 401,
    )
    expect((await send('GET', '/auth/tokens', { authorization: user.authorization })).body.items).toEqual([])
    expect((await send('GET', '/tasks', { authorization: user.authorization })).status).toBe(200)
  })
})
