import { describe, expect, it } from 'vitest'
import { send, signUp } from './client.ts'

/**
 * Issue #19, item 1 for habit-service: a habit's summary and stats walk every day from its start
 * date, so a start a thousand years back made one GET /habits/{id}/stats cost ~250 ms of blocked
 * event loop. The start date is bounded (HABIT_START_DATE_RANGE_DAYS of today, 366 by default).
 */
describe('habit start dates through NGINX', () => {
  it('refuses a start date centuries back, on create and on update (422 naming /body/startDate)', async () => {
    const user = await signUp()
    const ancient = await send('POST', '/habits', {
      authorization: user.authorization,
      body: { name: 'Since the Middle Ages', startDate: '1000-01-01' },
    })
    expect(ancient.status).toBe(422)
    expect(ancient.headers.get('content-type')).toContain('application/problem+json')
    expect(ancient.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/startDate'])

    const habit = await send('POST', '/habits', { authorization: user.authorization, body: { name: 'Today' } })
    expect(habit.status).toBe(201)
    const moved = await send('PATCH', `/habits/${habit.body.id}`, {
      authorization: user.authorization,
      body: { startDate: '1900-01-01' },
    })
    expect(moved.status).toBe(422)
    expect(moved.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/startDate'])
  })
})
