import Type from 'typebox'
import { afterEach, describe, expect, it } from 'vitest'
import { authenticatePlugin, currentUser } from '../../src/auth/authenticate.ts'
import { invalidToken } from '../../src/auth/token-verifier.ts'
import { errorCatalogue, errors } from '../../src/errors.ts'
import { type App, createApp } from '../../src/http/create-app.ts'
import { routeScope } from '../../src/http/routes.ts'
import { IfMatchHeaders } from '../../src/http/schemas.ts'

const catalogue = errorCatalogue({
  'thing-locked': { status: 409, meaning: 'The thing is locked' },
  'thing-gone': { status: 410, meaning: 'The thing went away' },
})

let app: App

const bearer = { authorization: 'Bearer good' }

/** A service in miniature: a public scope, a signed-in scope and a scope with a check of its own. */
async function build() {
  app = createApp({ service: 'test', logLevel: 'silent', errors: catalogue })
  await app.register(authenticatePlugin, {
    areasOf: () => ['tasks'],
    verify: async (token) => {
      if (token !== 'good') throw invalidToken('The access token is not valid')
      return { userId: 'user-7', role: 'user', jti: 'j', expiresAt: Date.now() / 1000 + 60 }
    },
  })
  let version = 3
  await app.register(async (open) => {
    routeScope(open, { tags: ['open'], access: 'public' })
    open.get('/open', async () => ({ ok: true }))
  })
  await app.register(async (mine: App) => {
    routeScope(mine, { tags: ['things'], access: 'user' })
    mine.get('/things/1', async (request) => ({ owner: currentUser(request).userId, version }))
    mine.patch(
      '/things/1',
      { schema: { headers: IfMatchHeaders, body: Type.Object({ version: Type.Optional(Type.Integer()) }) } },
      async (request) => {
        const expected = request.body.version ?? request.ifMatchVersion
        if (expected !== undefined && expected !== version) throw errors.preconditionFailed()
        version += 1
        return { version }
      },
    )
    mine.post('/things/1/lock', async () => {
      throw catalogue.error('thing-locked', 'Locked by someone else', { details: { by: 'ada' } })
    })
    mine.get('/things/2', async (request) => ({ version: request.ifMatchVersion ?? 1 }))
  })
  await app.register(async (internal) => {
    routeScope(internal, {
      tags: ['internal'],
      access: {
        onRequest: async (request) => {
          if (request.headers['x-caller'] !== 'svc') throw errors.unauthorized('A service credential is required')
        },
        security: [{ serviceAuth: [] }],
      },
    })
    internal.get('/internal/ping', async () => ({ ok: true }))
  })
  await app.ready()
  return app
}

afterEach(() => app?.close())

describe('routeScope', () => {
  it('checks the caller once for the whole scope: 401 without a token, public routes open', async () => {
    await build()
    expect((await app.inject({ url: '/open' })).statusCode).toBe(200)
    const missing = await app.inject({ url: '/things/1' })
    expect(missing.statusCode).toBe(401)
    expect(missing.json()).toMatchObject({ code: 'unauthorized', type: 'https://focushub.dev/problems/unauthorized' })
    expect((await app.inject({ url: '/things/1', headers: bearer })).json()).toMatchObject({ owner: 'user-7' })
    expect((await app.inject({ url: '/internal/ping' })).statusCode).toBe(401)
    expect((await app.inject({ url: '/internal/ping', headers: { 'x-caller': 'svc' } })).statusCode).toBe(200)
  })

  it('gives every route its tags and security once: the document defaults to a bearer token', async () => {
    await build()
    const document = (await app.inject({ url: '/openapi.json' })).json()
    expect(document.security).toEqual([{ bearerAuth: [] }])
    expect(document.paths['/open'].get).toMatchObject({ tags: ['open'], security: [] })
    expect(document.paths['/things/1'].get.tags).toEqual(['things'])
    expect(document.paths['/things/1'].get.security).toBeUndefined()
    expect(document.paths['/internal/ping'].get).toMatchObject({ tags: ['internal'], security: [{ serviceAuth: [] }] })
  })
})

describe('error catalogues', () => {
  it('render a declared failure with its status and code, and publish every code', async () => {
    await build()
    const locked = await app.inject({ method: 'POST', url: '/things/1/lock', headers: bearer })
    expect(locked.statusCode).toBe(409)
    expect(locked.json()).toMatchObject({
      type: 'https://focushub.dev/problems/thing-locked',
      code: 'thing-locked',
      title: 'Conflict',
      detail: 'Locked by someone else',
      by: 'ada',
    })
    const document = (await app.inject({ url: '/openapi.json' })).json()
    const codes = document.components.schemas.ProblemCode.oneOf.map((entry: { enum: string[] }) => entry.enum[0])
    expect(codes).toEqual(expect.arrayContaining(['validation-failed', 'not-found', 'thing-locked', 'thing-gone']))
  })
})

describe('conditional requests', () => {
  it('tag a versioned answer with its ETag and answer a matching If-None-Match with 304', async () => {
    await build()
    const first = await app.inject({ url: '/things/1', headers: bearer })
    expect(first.headers.etag).toBe('"3"')
    const unchanged = await app.inject({ url: '/things/1', headers: { ...bearer, 'if-none-match': 'W/"3", "9"' } })
    expect(unchanged.statusCode).toBe(304)
    expect(unchanged.body).toBe('')
    const changed = await app.inject({ url: '/things/1', headers: { ...bearer, 'if-none-match': '"2"' } })
    expect(changed.statusCode).toBe(200)
  })

  it('read If-Match on routes that declare it: the version, 412 when stale, 400 when it names none', async () => {
    await build()
    const patch = (headers: Record<string, string>, payload: object = {}) =>
      app.inject({ method: 'PATCH', url: '/things/1', headers: { ...bearer, ...headers }, payload })
    expect((await patch({ 'if-match': '"2"' })).statusCode).toBe(412)
    const written = await patch({ 'if-match': 'W/"3"' })
    expect(written.json()).toEqual({ version: 4 })
    expect(written.headers.etag).toBe('"4"')
    expect((await patch({ 'if-match': '"1"' }, { version: 4 })).statusCode).toBe(200)
    const malformed = await patch({ 'if-match': 'tomorrow' })
    expect(malformed.statusCode).toBe(400)
    // The declared pattern (IfMatchHeaders) refuses it before the route reads it.
    expect(malformed.json().errors).toEqual([
      { field: '/headers/if-match', message: expect.stringMatching(/^must match pattern/) },
    ])
    // A route without the header in its schema leaves it alone.
    expect((await app.inject({ url: '/things/2', headers: { ...bearer, 'if-match': 'tomorrow' } })).json()).toEqual({
      version: 1,
    })
  })
})
