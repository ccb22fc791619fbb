import Type from 'typebox'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, createApp } from '../../src/http/create-app.ts'

let app: App

function build() {
  app = createApp({ service: 'test', logLevel: 'silent' })
  app.register(async (routes) => {
    routes.get('/things', async () => [])
    routes.get('/things/current', async () => ({}))
    routes.post('/things', async () => ({}))
    routes.get(
      '/things/:id',
      { schema: { params: Type.Object({ id: Type.String({ maxLength: 36 }) }) } },
      async () => ({}),
    )
    routes.patch('/things/:id', async () => ({}))
    routes.delete('/things/:id', async () => null)
  })
  return app
}

afterEach(() => app?.close())

describe('undeclared methods', () => {
  it('answer 405 with Allow naming the methods the path is served with (HEAD with GET)', async () => {
    const response = await build().inject({ method: 'PUT', url: '/things/42?x=1' })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('DELETE, GET, HEAD, PATCH')
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ status: 405, code: 'method-not-allowed' })
    expect((await app.inject({ method: 'DELETE', url: '/things' })).headers.allow).toBe('GET, HEAD, POST')
  })

  it('are refused for their method before any body is read (QUERY without Content-Type, a malformed body)', async () => {
    build()
    expect((await app.inject({ method: 'QUERY', url: '/things' })).statusCode).toBe(405)
    const malformed = await app.inject({
      method: 'PUT',
      url: '/things/1',
      payload: '{"broken',
      headers: { 'content-type': 'application/json' },
    })
    expect(malformed.statusCode).toBe(405)
  })

  it('take a path a route names as that resource, not as a parameter of a sibling route', async () => {
    build()
    const response = await app.inject({ method: 'PATCH', url: '/things/current' })
    expect(response.statusCode).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD')
    expect((await app.inject({ method: 'OPTIONS', url: '/things/current' })).headers.allow).toBe('GET, HEAD')
    expect((await app.inject({ method: 'PATCH', url: '/things/42' })).statusCode).toBe(200)
  })

  it('HEAD answers as GET does; OPTIONS on a served path is a 405 that lists the methods', async () => {
    build()
    expect((await app.inject({ method: 'HEAD', url: '/things' })).statusCode).toBe(200)
    const options = await app.inject({ method: 'OPTIONS', url: '/things' })
    expect(options.statusCode).toBe(405)
    expect(options.headers.allow).toBe('GET, HEAD, POST')
  })

  it('a path no route serves stays a 404, whatever the method', async () => {
    build()
    for (const method of ['GET', 'PUT'] as const) {
      const response = await app.inject({ method, url: '/nothing/here' })
      expect(response.statusCode).toBe(404)
      expect(response.headers.allow).toBeUndefined()
    }
    expect((await app.inject({ method: 'PUT', url: '/things/42/more' })).statusCode).toBe(404)
  })
})
