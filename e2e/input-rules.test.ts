import { describe, expect, it } from 'vitest'
import { send, signUp, someClientAddress } from './client.ts'
import { processes } from './stack.ts'

/** What a client learns about bad input: every offending field at once, and rules it can read in the OpenAPI. */

const fieldsOf = (body: { errors: Array<{ field: string }> }) => body.errors.map((error) => error.field).sort()

describe('validation through NGINX', () => {
  it('names every offending field of a task, a habit and a registration', async () => {
    const { authorization } = await signUp()
    const task = await send('POST', '/tasks', {
      authorization,
      body: { title: '', priority: 'extreme', estimatePomodoros: 500 },
    })
    expect(task.status).toBe(400)
    expect(task.headers.get('content-type')).toContain('application/problem+json')
    expect(fieldsOf(task.body)).toEqual(['/body/estimatePomodoros', '/body/priority', '/body/title'])

    const habit = await send('POST', '/habits', { authorization, body: { name: '', color: 7, extra: true } })
    expect(habit.status).toBe(400)
    expect(fieldsOf(habit.body)).toEqual(expect.arrayContaining(['/body/name', '/body/extra']))

    // At auth-service, for a client address of its own (as signUp does): through NGINX every test shares
    // 127.0.0.1's sign-up budget, which the contract test's fuzzing can spend.
    const register = await send('POST', '/auth/register', {
      base: processes['auth-service'],
      headers: { 'x-forwarded-for': someClientAddress() },
      body: { email: 'not-an-email', password: 'short', displayName: '' },
    })
    expect(register.status).toBe(400)
    expect(fieldsOf(register.body)).toEqual(['/body/displayName', '/body/email', '/body/password'])
  })

  it('publishes the password rules the server enforces', async () => {
    const document = (await send('GET', '/openapi.json')).body
    const schema = document.paths['/api/v1/auth/register'].post.requestBody.content['application/json'].schema
    const resolved = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema
    expect(resolved.properties.password).toMatchObject({ minLength: 8, maxLength: 72 })
  })
})

describe('time zones', () => {
  it('come back under the current IANA name the user sent, never a legacy alias', async () => {
    const { authorization } = await signUp()
    const me = await send('GET', '/auth/me', { authorization })
    for (const [sent, kept] of [
      ['Asia/Kolkata', 'Asia/Kolkata'],
      ['Europe/Kyiv', 'Europe/Kyiv'],
      ['Asia/Calcutta', 'Asia/Kolkata'],
    ]) {
      const patched = await send('PATCH', '/auth/me', {
        authorization,
        body: { timezone: sent },
        headers: { 'if-match': `"${me.body.version}"` },
      })
      expect(patched.status, JSON.stringify(patched.body)).toBe(200)
      expect(patched.body.timezone).toBe(kept)
      me.body.version = patched.body.version
    }
    expect((await send('GET', '/auth/me', { authorization })).body.timezone).toBe('Asia/Kolkata')
  })
})
