import { createEvent, type EventData, type EventType } from '@focushub/shared/events'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, deliverEvents, expectProblem, registerUser, startTaskService, type TestService } from './support.ts'

/**
 * task-service reached directly, past the gateway: a verified token is still refused once its
 * account is suspended, deactivated or deleted, or its sign-in revoked, as auth events say.
 */
let service: TestService
beforeAll(async () => {
  service = await startTaskService()
})
afterAll(() => service.close())

async function deliver<T extends EventType>(type: T, userId: string, data: EventData<T>) {
  const { event } = createEvent(type, data, { producer: 'auth-service', userId, requestId: 'test' })
  await deliverEvents(service, [event])
}

/** The refusal check reuses an answer for a second at most: ask until it changes. */
async function eventually<T extends { statusCode: number }>(ask: () => Promise<T>, status: number): Promise<T> {
  const deadline = Date.now() + 5000
  for (;;) {
    const answer = await ask()
    if (answer.statusCode === status || Date.now() > deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const statusChange = (status: 'active' | 'suspended' | 'deactivated', previousStatus: typeof status) => ({
  status,
  previousStatus,
  reason: 'test',
  changedBy: uuidv7(),
})

describe('tokens of refused accounts and sign-ins, at task-service itself', () => {
  it('refuses a suspended account’s token at once, and accepts it again after reactivation', async () => {
    const user = await registerUser(service)
    await deliver('auth.user.status_changed', user.id, statusChange('suspended', 'active'))
    expectProblem(await call(service, user, 'GET', '/projects'), 401, 'account-suspended')
    await deliver('auth.user.status_changed', user.id, statusChange('active', 'suspended'))
    expect((await eventually(() => call(service, user, 'GET', '/projects'), 200)).statusCode).toBe(200)
  })

  it('refuses a deactivated account’s and a deleted account’s tokens', async () => {
    const deactivated = await registerUser(service)
    await deliver('auth.user.status_changed', deactivated.id, statusChange('deactivated', 'active'))
    expectProblem(await call(service, deactivated, 'GET', '/tasks'), 401, 'account-deactivated')
    const deleted = await registerUser(service)
    await deliver('auth.user.deleted', deleted.id, {})
    expectProblem(await call(service, deleted, 'GET', '/tasks'), 401, 'account-deleted')
  })

  it('refuses the tokens of a revoked sign-in, not those of the user’s other sign-ins', async () => {
    const user = await registerUser(service)
    const [revoked, kept] = [uuidv7(), uuidv7()]
    const tokenOf = async (sessionId: string) => ({ id: user.id, ...(await service.bearer(user.id, { sessionId })) })
    expect((await call(service, await tokenOf(revoked), 'GET', '/labels')).statusCode).toBe(200)
    const expireBy = new Date(Date.now() + 900_000).toISOString()
    await deliver('auth.user.sessions_revoked', user.id, {
      sessionIds: [revoked],
      reason: 'logout',
      accessTokensExpireBy: expireBy,
    })
    const refused = await eventually(async () => call(service, await tokenOf(revoked), 'GET', '/labels'), 401)
    expectProblem(refused, 401, 'session-revoked')
    expect((await call(service, await tokenOf(kept), 'GET', '/labels')).statusCode).toBe(200)
  })
})
