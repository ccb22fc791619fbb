import Type from 'typebox'
import { afterEach, describe, expect, it } from 'vitest'
import { errors } from '../../src/errors.ts'
import { type App, createApp } from '../../src/http/create-app.ts'

let app: App

/** What node-postgres throws: a server error carries SQLSTATE and routine, a lost socket only a message. */
const pgError = (message: string, fields: Record<string, string>) => Object.assign(new Error(message), fields)
const databaseFailures: Record<string, Error> = {
  refused: pgError('database "x" is not currently accepting connections', {
    code: '55000',
    routine: 'CheckMyDatabase',
  }),
  terminated: pgError('terminating connection due to administrator command', { code: '57P01' }),
  lost: new Error('Connection terminated unexpectedly'),
  down: pgError('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
  bug: pgError('duplicate key value violates unique constraint "x"', { code: '23505' }),
  outOfRange: pgError('value "5796276519" is out of range for type integer', {
    code: '22003',
    routine: 'pg_strtoint32',
  }),
}

function build() {
  app = createApp({ service: 'test', logLevel: 'silent' })
  app.post(
    '/things',
    {
      schema: {
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 10 }), size: Type.Integer({ minimum: 1 }) },
          { additionalProperties: false },
        ),
      },
    },
    async () => ({ ok: true }),
  )
  app.get('/missing', async () => {
    throw errors.notFound('Thing 42 does not exist')
  })
  app.get('/crash', async () => {
    throw new Error('database password is hunter2')
  })
  app.get('/things/:id', async () => ({ ok: true }))
  app.get('/database/:failure', async (request) => {
    throw databaseFailures[(request.params as { failure: string }).failure]
  })
  app.get('/busy', async () => {
    throw errors.tooManyRequests('Slow down', 7)
  })
  return app
}

afterEach(() => app?.close())

describe('problem+json errors', () => {
  it('names the offending field of a validation failure', async () => {
    const response = await build().inject({ method: 'POST', url: '/things', payload: { name: 'x', size: 0 } })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    const body = response.json()
    expect(body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      type: expect.stringContaining('validation-failed'),
    })
    expect(body.errors).toEqual([{ field: '/body/size', message: expect.any(String) }])
    expect(body.requestId).toBe(response.headers['x-request-id'])
  })

  it('names every offending field, each once, at most twenty', async () => {
    const both = await build().inject({ method: 'POST', url: '/things', payload: { name: '', size: 0, admin: 1 } })
    expect(both.statusCode).toBe(400)
    expect(
      both
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['/body/admin', '/body/name', '/body/size'])
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`extra${i}`, i]))
    const flood = await build().inject({ method: 'POST', url: '/things', payload: { name: 'x', size: 1, ...many } })
    expect(flood.statusCode).toBe(400)
    expect(flood.json().errors).toHaveLength(20)
  })

  it('rejects unknown fields on writes', async () => {
    const response = await build().inject({
      method: 'POST',
      url: '/things',
      payload: { name: 'x', size: 1, admin: true },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual([{ field: '/body/admin', message: 'is not a known field' }])
  })

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await build().inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
  })

  it('renders an AppError with its status, code and headers', async () => {
    const missing = await build().inject({ method: 'GET', url: '/missing' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({
      detail: 'Thing 42 does not exist',
      type: expect.stringContaining('not-found'),
    })
    const busy = await app.inject({ method: 'GET', url: '/busy' })
    expect(busy.statusCode).toBe(429)
    expect(busy.headers['retry-after']).toBe('7')
  })

  it('hides the details of an unexpected error', async () => {
    const response = await build().inject({ method: 'GET', url: '/crash' })
    expect(response.statusCode).toBe(500)
    expect(response.body).not.toContain('hunter2')
    expect(response.json()).toMatchObject({ status: 500, detail: 'An unexpected error occurred' })
  })

  it('answers 503 + Retry-After when the database cannot be reached, 500 for a failing statement', async () => {
    build()
    for (const failure of ['refused', 'terminated', 'lost', 'down']) {
      const response = await app.inject({ method: 'GET', url: `/database/${failure}` })
      expect(response.statusCode, failure).toBe(503)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.headers['retry-after']).toBe('5')
      expect(response.json()).toMatchObject({ status: 503, type: expect.stringContaining('service-unavailable') })
      expect(response.body).not.toContain('5432')
    }
    const bug = await app.inject({ method: 'GET', url: '/database/bug' })
    expect(bug.statusCode).toBe(500)
  })

  it('answers 400 for a value the database refuses (a data exception), without its message', async () => {
    const response = await build().inject({ method: 'GET', url: '/database/outOfRange' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ status: 400, code: 'validation-failed' })
    expect(response.body).not.toContain('5796276519')
  })

  it('answers an unknown route with a 404 problem', async () => {
    const response = await build().inject({ method: 'GET', url: '/nowhere?x=1' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ status: 404, detail: 'No route for GET /nowhere' })
  })
})

describe('request ids', () => {
  it('keeps a well-formed x-request-id', async () => {
    const response = await build().inject({ method: 'GET', url: '/missing', headers: { 'x-request-id': 'abc-123' } })
    expect(response.headers['x-request-id']).toBe('abc-123')
    expect(response.json().requestId).toBe('abc-123')
  })

  it('replaces a malformed one with a UUIDv7', async () => {
    const response = await build().inject({
      method: 'GET',
      url: '/missing',
      headers: { 'x-request-id': 'bad id <script>' },
    })
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/)
  })

  it('answers what the router refuses before any route runs as problem+json too', async () => {
    const tooLong = await build().inject({ url: `/things/${'x'.repeat(101)}` })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.headers['content-type']).toContain('application/problem+json')
    expect(tooLong.json()).toMatchObject({ type: expect.stringContaining('max-param-length'), status: 400 })
    const badUrl = await app.inject({ url: '/things/%E0%A4%A' })
    expect(badUrl.statusCode).toBe(400)
    expect(badUrl.json()).toMatchObject({ status: 400, detail: 'The URL is not well formed' })
  })
})
