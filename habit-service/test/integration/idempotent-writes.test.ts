import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newUser, outboxEvents, startHabitService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startHabitService()
})
afterAll(async () => {
  await service?.close()
})

/**
 * A keyed POST as the gateway sends it to a service: the gateway answers ordinary retries from Redis,
 * so a service sees the key again only when the first attempt's process died (after its commit,
 * perhaps) and the retry went to another replica.
 */
const createKeyed = async (userId: string, key: string, name = 'Read') =>
  service.app.inject({
    method: 'POST',
    url: '/habits',
    headers: { ...(await service.bearer(userId)), 'idempotency-key': key },
    payload: { name },
  })

const habitsOf = async (userId: string) =>
  service.db.selectFrom('habits').select('id').where('user_id', '=', userId).execute()

describe('a keyed write is recorded with its answer, in its own transaction', () => {
  it('answers a retry of a committed write with the first answer, writing nothing and publishing nothing again', async () => {
    const user = newUser()
    const key = randomUUID()
    const first = await createKeyed(user, key)
    const retry = await createKeyed(user, key)
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(201)
    expect(retry.json()).toEqual(first.json())
    expect(await habitsOf(user)).toHaveLength(1)

    const checkIn = async () =>
      service.app.inject({
        method: 'POST',
        url: `/habits/${first.json().id}/check-ins`,
        headers: { ...(await service.bearer(user)), 'idempotency-key': `${key}-check-in` },
        payload: { date: '2026-03-10', status: 'done' },
      })
    const [checked, again] = [await checkIn(), await checkIn()]
    expect(checked.statusCode).toBe(200)
    expect(again.json()).toEqual(checked.json())
    expect(await outboxEvents(service.db, { type: 'habit.checked_in', userId: user })).toHaveLength(1)
  })

  it('applies concurrent attempts with one key once: the second waits for the first and answers the same', async () => {
    const user = newUser()
    const key = randomUUID()
    const answers = await Promise.all([createKeyed(user, key), createKeyed(user, key), createKeyed(user, key)])
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201])
    expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1)
    expect(await habitsOf(user)).toHaveLength(1)
  })

  it('keeps each user’s keys apart, runs unkeyed POSTs every time, and refuses a key reused for another request', async () => {
    const [user, other] = [newUser(), newUser()]
    const key = randomUUID()
    expect((await createKeyed(user, key)).statusCode).toBe(201)
    expect((await createKeyed(other, key)).statusCode).toBe(201)
    expect(await habitsOf(other)).toHaveLength(1)
    const reused = await createKeyed(user, key, 'Write')
    expect(reused.statusCode).toBe(422)
    expect(reused.json()).toMatchObject({ type: 'https://focushub.dev/problems/idempotency-key-reused' })
    for (let i = 0; i < 2; i++) {
      const unkeyed = await service.app.inject({
        method: 'POST',
        url: '/habits',
        headers: await service.bearer(user),
        payload: { name: 'Walk' },
      })
      expect(unkeyed.statusCode).toBe(201)
    }
    expect(await habitsOf(user)).toHaveLength(3)
  })

  it('keeps no key for a request that failed: a retry with the key runs', async () => {
    const user = newUser()
    const key = randomUUID()
    const refused = await service.app.inject({
      method: 'POST',
      url: '/habits',
      headers: { ...(await service.bearer(user)), 'idempotency-key': key },
      payload: { name: 'Read', startDate: '1999-01-01' },
    })
    expect(refused.statusCode).toBeGreaterThanOrEqual(400)
    expect(refused.statusCode).toBeLessThan(500)
    expect((await createKeyed(user, key)).statusCode).toBe(201)
    expect(await habitsOf(user)).toHaveLength(1)
  })
})
