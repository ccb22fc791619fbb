import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, expectProblem, signedInUser, startAuthService, type TestService, uniqueEmail } from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

const lookUp = (email: string, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'GET', url: `/internal/users/by-email?email=${encodeURIComponent(email)}`, headers })

describe('GET /internal/users/by-email', () => {
  it('answers the id and display name of an active user, whatever the case of the e-mail', async () => {
    const { session } = await signedInUser(service.app)
    const { user: other } = await signedInUser(service.app, { displayName: 'Grace Hopper' })
    const response = await lookUp(other.email.toUpperCase(), bearer(session.accessToken))
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ id: other.id, displayName: 'Grace Hopper' })
  })

  it('answers 404 for an unknown e-mail and for a suspended user', async () => {
    const { session } = await signedInUser(service.app)
    const { user: other } = await signedInUser(service.app)
    expectProblem(await lookUp(uniqueEmail(), bearer(session.accessToken)), 404, 'not-found')
    await service.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', other.id).execute()
    expectProblem(await lookUp(other.email, bearer(session.accessToken)), 404, 'not-found')
  })

  it('needs an access token and a valid e-mail', async () => {
    const { session } = await signedInUser(service.app)
    expectProblem(await lookUp(uniqueEmail()), 401)
    expectProblem(await lookUp('not-an-email', bearer(session.accessToken)), 400)
  })
})
