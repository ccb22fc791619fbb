import { describe, expect, it } from 'vitest'
import { mergeOpenApi, type OpenApiDocument, publicPathOf } from '../../src/modules/docs/openapi-merge.ts'

const serviceDocument = (paths: Record<string, unknown>, schemas: Record<string, unknown>): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 'service', version: '1' },
  paths: paths as OpenApiDocument['paths'],
  components: { schemas, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
})

describe('mergeOpenApi', () => {
  const gateway: OpenApiDocument = {
    openapi: '3.1.0',
    info: { title: 'gateway', version: '1' },
    paths: { '/api/v1/health': { get: {} }, '/api/v1/tasks/{*}': { get: {} } },
  }
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
  const ok = (schema: unknown) => ({ 200: { description: 'OK', content: { 'application/json': { schema } } } })
  const merged = mergeOpenApi(
    gateway,
    {
      'auth-service': serviceDocument(
        { '/auth/me': { get: { operationId: 'me', responses: ok(ref('User')) } } },
        { User: {} },
      ),
      'task-service': serviceDocument(
        { '/tasks': { get: { responses: ok(ref('User')) } }, '/internal/sync': { post: {} } },
        { User: { properties: { owner: ref('User') } } },
      ),
    },
    {},
  )

  it('puts each service path at its public path, drops unrouted ones and the gateway’s catch-alls', () => {
    expect(Object.keys(merged.paths ?? {})).toEqual(['/api/v1/auth/me', '/api/v1/health', '/api/v1/tasks'])
  })

  it('namespaces components and every reference to them', () => {
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['auth-service.User', 'task-service.User'])
    expect(merged.paths?.['/api/v1/tasks']).toMatchObject({ get: { responses: ok(ref('task-service.User')) } })
    expect(merged.components?.schemas['task-service.User']).toEqual({ properties: { owner: ref('task-service.User') } })
    expect(merged.paths?.['/api/v1/auth/me']).toMatchObject({ get: { operationId: 'auth-service.me' } })
  })

  it('keeps one bearer scheme for all', () => {
    expect(Object.keys(merged.components?.securitySchemes ?? {})).toEqual(['bearerAuth'])
  })

  it("gives each operation its service's security: its own, else the service document's default", () => {
    const bearer = [{ bearerAuth: [] }]
    const withDefaults = mergeOpenApi(
      { ...gateway, security: bearer },
      {
        'auth-service': {
          ...serviceDocument({ '/auth/me': { get: {} }, '/auth/login': { post: { security: [] } } }, {}),
          security: bearer,
        },
      },
      {},
    )
    expect(withDefaults.security).toEqual(bearer)
    expect(withDefaults.paths?.['/api/v1/auth/me']).toMatchObject({ get: { security: bearer } })
    expect(withDefaults.paths?.['/api/v1/auth/login']).toMatchObject({ post: { security: [] } })
  })

  it('declares what the gateway answers in front of each service, beside what the service declares', () => {
    const bearer = [{ bearerAuth: [] }]
    const declared = { description: 'the service’s own', content: { 'application/problem+json': { schema: {} } } }
    const withEdge = mergeOpenApi(
      gateway,
      {
        'task-service': {
          ...serviceDocument({ '/tasks': { get: { responses: { 400: declared } }, post: { requestBody: {} } } }, {}),
          security: bearer,
        },
        'auth-service': serviceDocument({ '/auth/login': { post: { security: [] } } }, {}),
      },
      {},
    )
    const paths = withEdge.paths as Record<string, Record<string, { responses: object }>>
    const statuses = (path: string, method: string) => Object.keys(paths[path][method].responses)
    expect(statuses('/api/v1/tasks', 'get')).toEqual(['400', '401', '403', '429', '502', '503', '504'])
    expect(statuses('/api/v1/tasks', 'post')).toEqual(['400', '401', '403', '409', '422', '429', '502', '503', '504'])
    // An anonymous route has no token to refuse; only a signed-in POST outside /auth takes Idempotency-Key.
    expect(statuses('/api/v1/auth/login', 'post')).toEqual(['400', '429', '502', '503', '504'])
    const tasks = paths['/api/v1/tasks'] as unknown as Record<string, Record<string, never>>
    expect(tasks.get.responses[400]).toEqual(declared)
    expect(tasks.get.responses[429]).toMatchObject({
      headers: { 'Retry-After': {}, 'RateLimit-Limit': {}, 'RateLimit-Remaining': {}, 'RateLimit-Reset': {} },
      content: { 'application/problem+json': { schema: ref('Problem') } },
    })
    expect(tasks.post.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })])
    expect(tasks.get.parameters).toBeUndefined()
  })
})

describe('publicPathOf', () => {
  it('maps only the prefixes the gateway routes to that service', () => {
    expect(publicPathOf('habit-service', '/habits/{id}')).toBe('/api/v1/habits/{id}')
    expect(publicPathOf('habit-service', '/tasks')).toBeNull()
    expect(publicPathOf('task-service', '/tasksx')).toBeNull()
  })
})
