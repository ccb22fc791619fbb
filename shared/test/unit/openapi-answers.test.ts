import Type from 'typebox'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, createApp } from '../../src/http/create-app.ts'
import { routeScope } from '../../src/http/routes.ts'
import { problems } from '../../src/http/schemas.ts'

let app: App

const Thing = Type.Object({ id: Type.String(), status: Type.String() })

async function documentOf() {
  app = createApp({ service: 'test', logLevel: 'silent' })
  app.decorate('authenticate', async () => {})
  app.register(async (routes) => {
    routeScope(routes, { tags: ['things'], access: 'user' })
    routes.get('/things', { schema: { response: { 200: Type.Array(Thing), ...problems(401) } } }, async () => [])
    routes.post(
      '/things',
      { schema: { body: Thing, response: { 201: Thing, 503: Thing, ...problems(400, 409) } } },
      async () => ({}),
    )
  })
  app.register(async (routes) => {
    routeScope(routes, { tags: ['public'], access: 'public' })
    routes.get('/public/:id', { schema: { params: Type.Object({ id: Type.String() }) } }, async () => ({}))
  })
  return (await app.inject('/openapi.json')).json()
}

afterEach(() => app?.close())

describe('the OpenAPI document of a process', () => {
  it('declares every problem answer as application/problem+json against one Problem component', async () => {
    const document = await documentOf()
    expect(document.components.schemas.Problem).toMatchObject({ required: expect.arrayContaining(['code']) })
    const conflict = document.paths['/things'].post.responses['409']
    expect(conflict).toEqual({
      description: 'Conflict',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    })
    // A 5xx answer of the route's own shape stays what it is.
    expect(Object.keys(document.paths['/things'].post.responses['503'].content)).toEqual(['application/json'])
  })

  it('adds the answers every route can give: input, credentials, scopes, body, failure', async () => {
    const document = await documentOf()
    const statuses = (path: string, method: string) => Object.keys(document.paths[path][method].responses)
    // A user's token may be a personal access token's, whose scopes may not cover the route: 403.
    expect(statuses('/things', 'get')).toEqual(['200', '401', '403', '500', '503'])
    expect(statuses('/things', 'post')).toEqual(['201', '400', '401', '403', '409', '413', '415', '500', '503'])
    // Public: no 401; a path parameter is input, so 400.
    expect(statuses('/public/{id}', 'get')).toEqual(['200', '400', '500', '503'])
    const body = await app.inject({
      method: 'POST',
      url: '/things',
      payload: 'x',
      headers: { 'content-type': 'text/csv' },
    })
    expect(body.statusCode).toBe(415)
    expect(body.headers['content-type']).toContain('application/problem+json')
  })
})
