import { serviceAuthorization } from '@focushub/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, expectProblem, signedInUser, startAuthService, type TestService, uniqueEmail } from './support.ts'

const secret = 'a-task-service-secret-for-tests'
let service: TestService
beforeAll(async () => {
  service = await startAuthService({ INTERNAL_CALLERS: `task-service:${secret},habit-service:another-secret-of-16` })
})
afterAll(() => service.close())

const lookUp = (email: string, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'GET', url: `/internal/users/by-email?email=${encodeURIComponent(email)}`, headers })
const asTaskService = { authorization: serviceAuthorization('task-service', secret) }

describe('GET /internal/users/by-email', () => {
  it('answers a listed service the id and display name of an active user, whatever the case of the e-mail', async () => {
    const { user: other } = await signedInUser(service.app, { displayName: 'Grace Hopper' })
    const response = await lookUp(other.email.toUpperCase(), asTaskService)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ id: other.id, displayName: 'Grace Hopper' })
  })

  it('answers 404 for an unknown e-mail and for a suspended user', async () => {
    const { user: other } = await signedInUser(service.app)
    expectProblem(await lookUp(uniqueEmail(), asTaskService), 404, 'not-found')
    await service.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', other.id).execute()
    expectProblem(await lookUp(other.email, asTaskService), 404, 'not-found')
  })

  it('refuses a signed-in user’s access token (401): internal routes answer services only', async () => {
    const { session } = await signedInUser(service.app)
    const { user: other } = await signedInUser(service.app)
    const refused = expectProblem(await lookUp(other.email, bearer(session.accessToken)), 401, 'unauthorized')
    expect(refused.id).toBeUndefined()
    expect((await lookUp(other.email, bearer(session.accessToken))).headers['www-authenticate']).toMatch(/^Basic/)
  })

  it('refuses a missing credential, a wrong secret, another service’s secret and an unlisted service', async () => {
    const { user: other } = await signedInUser(service.app)
    const basic = (value: string) => ({ authorization: `Basic ${Buffer.from(value).toString('base64')}` })
    for (const headers of [
      {},
      basic(`task-service:${secret}x`),
      basic('task-service:another-secret-of-16'),
      basic(`focus-service:${secret}`),
      basic('task-service'),
      { authorization: 'Basic %%%' },
    ]) {
      expectProblem(await lookUp(other.email, headers), 401, 'unauthorized')
    }
  })

  it('validates the e-mail of a service caller', async () => {
    expectProblem(await lookUp('not-an-email', asTaskService), 400)
  })
})
