import { type App, createApp, problems } from '@focushub/shared/http'
import { closedAddress } from '@focushub/shared/testing'
import Type from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGateway, startJwks } from './support.ts'

const services: App[] = []
let gateway: App
let jwks: Awaited<ReturnType<typeof startJwks>>

/** A service built like every FocusHub service: createApp publishes its /openapi.json. */
async function startService(name: string, path: string, tag: string) {
  const app = createApp({ service: name, logLevel: 'silent' })
  const Item = Type.Object({ id: Type.String(), name: Type.String() })
  app.register(async (routes) => {
    routes.addSchema({ $id: 'Item', ...Item })
    routes.get(
      path,
      {
        schema: {
          tags: [tag],
          summary: `List ${tag}`,
          response: { 200: Type.Array(Type.Ref('Item')), ...problems(401) },
        },
      },
      async () => [],
    )
    routes.get('/internal/only', { schema: { tags: [tag] } }, async () => ({}))
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  services.push(app)
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
}

beforeAll(async () => {
  jwks = await startJwks()
  gateway = await startGateway({
    AUTH_JWKS_URL: jwks.jwksUrl,
    AUTH_SERVICE_URL: await startService('auth-service', '/auth/me', 'identity'),
    TASK_SERVICE_URL: await startService('task-service', '/tasks', 'tasks'),
    FOCUS_SERVICE_URL: await startService('focus-service', '/focus/sessions', 'focus'),
    HABIT_SERVICE_URL: `http://${closedAddress}`,
    NOTIFICATION_SERVICE_URL: `http://${closedAddress}`,
    SOCIAL_SERVICE_URL: `http://${closedAddress}`,
  })
  await gateway.ready()
})

afterAll(async () => {
  await gateway?.close()
  await Promise.all(services.map((service) => service.close()))
  await jwks?.app.close()
})

describe('OpenAPI', () => {
  it('each service publishes its own 3.1 document, without its health routes', async () => {
    const document = (await services[1].inject('/openapi.json')).json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths).sort()).toEqual(['/internal/only', '/tasks'])
  })

  it('merges every service at its public path, with the gateway’s own routes, tolerating one that is down', async () => {
    const response = await gateway.inject('/api/v1/openapi.json')
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toEqual([
      '/api/v1/auth/me',
      '/api/v1/calendar/{file}',
      '/api/v1/dashboard',
      '/api/v1/events',
      '/api/v1/events/ticket',
      '/api/v1/focus/sessions',
      '/api/v1/health',
      '/api/v1/tasks',
    ])
    expect(document['x-focushub-sources']).toMatchObject({
      'auth-service': { status: 'ok' },
      'task-service': { status: 'ok' },
      'focus-service': { status: 'ok' },
      'habit-service': { status: 'unavailable' },
      'notification-service': { status: 'unavailable' },
      'social-service': { status: 'unavailable' },
    })
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it("shows each operation's security: a service's default made explicit, the gateway's own by scope", async () => {
    const document = (await gateway.inject('/api/v1/openapi.json')).json()
    const bearer = [{ bearerAuth: [] }]
    expect(document.security).toEqual(bearer)
    expect(document.paths['/api/v1/tasks'].get.security).toEqual(bearer)
    expect(document.paths['/api/v1/health'].get).toMatchObject({ tags: ['health'], security: [] })
    expect(document.paths['/api/v1/dashboard'].get.tags).toEqual(['dashboard'])
    expect(document.paths['/api/v1/dashboard'].get.security).toBeUndefined()
  })

  it('namespaces each service’s components so equal names cannot clash', async () => {
    const document = (await gateway.inject('/api/v1/openapi.json')).json()
    const schemaNames = Object.keys(document.components.schemas)
    expect(schemaNames).toEqual(expect.arrayContaining(['auth-service.def-0', 'task-service.def-0']))
    const refs = new Set(JSON.stringify(document.paths['/api/v1/tasks']).match(/#\/components\/schemas\/[^"]+/g))
    // The service's own components, and the gateway's Problem for the answers it adds in front.
    expect([...refs].sort()).toEqual([
      '#/components/schemas/Problem',
      '#/components/schemas/task-service.Problem',
      '#/components/schemas/task-service.def-0',
    ])
  })

  it('answers a method no route takes with 405 and the methods the documents name for the path', async () => {
    // QUERY: no proxy route takes it, so the gateway answers from the merged document.
    const query = await gateway.inject({ method: 'QUERY', url: '/api/v1/tasks' })
    expect(query.statusCode).toBe(405)
    expect(query.headers.allow).toBe('GET, HEAD')
    const own = await gateway.inject({ method: 'DELETE', url: '/api/v1/dashboard' })
    expect(own.statusCode).toBe(405)
    expect(own.headers.allow).toBe('GET, HEAD')
    const unknown = {
      method: 'QUERY' as const,
      url: '/api/v1/tasks/none/such',
      headers: { 'content-type': 'text/plain' },
    }
    expect((await gateway.inject(unknown)).statusCode).toBe(404)
  })

  it('serves the interactive docs from bundled assets', async () => {
    const page = await gateway.inject('/api/v1/docs/')
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).not.toMatch(/https?:\/\//)
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    const spec = await gateway.inject('/api/v1/docs/json')
    expect(Object.keys(spec.json().paths)).toContain('/api/v1/tasks')
  })
})
