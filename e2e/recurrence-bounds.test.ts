import { beforeAll, describe, expect, it } from 'vitest'
import { send, signUp } from './client.ts'

/**
 * A recurrence rule is computed on the event loop: one that never (or only centuries later) yields
 * an occurrence is refused when written, so completing a task never walks the calendar for seconds.
 */

let authorization: string
const today = new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  authorization = (await signUp()).authorization
})

const createTask = (rrule: string) =>
  send('POST', '/tasks', { authorization, body: { title: 'Recurring', due: today, recurrence: { rrule } } })

describe('recurrence rules are bounded', () => {
  it.each([
    ['a daily rule on 30 February', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ['a monthly rule on 30 February', 'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30'],
    ['a yearly rule on 31 April', 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31'],
    ['a rule that ended before the due date', 'FREQ=DAILY;UNTIL=20200101'],
    ['a rule whose next occurrence is decades away', 'FREQ=YEARLY;INTERVAL=50'],
  ])('%s is refused with 422 naming the rule', async (_, rrule) => {
    const answer = await createTask(rrule)
    expect(answer.status, JSON.stringify(answer.body)).toBe(422)
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['/body/recurrence/rrule'])
  })

  it('a rule with times of day is refused: tasks repeat daily at most', async () => {
    const answer = await createTask('FREQ=DAILY;BYHOUR=0,6,12,18;BYMINUTE=0,30')
    expect(answer.status).toBe(400)
    expect(answer.body.errors[0].field).toBe('/body/recurrence/rrule')
  })

  it('an edit onto such a rule is refused, and the task keeps its rule', async () => {
    const task = await createTask('FREQ=WEEKLY')
    expect(task.status).toBe(201)
    const edit = await send('PATCH', `/tasks/${task.body.id}`, {
      authorization,
      body: { recurrence: { rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' } },
    })
    expect(edit.status).toBe(422)
    expect(edit.body.errors[0].field).toBe('/body/recurrence/rrule')
    const read = await send('GET', `/tasks/${task.body.id}`, { authorization })
    expect(read.body.recurrence.rrule).toBe('FREQ=WEEKLY')
  })

  it('a rare but real rule is accepted and completing it brings its next occurrence', async () => {
    const task = await createTask('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29')
    expect(task.status).toBe(201)
    const done = await send('POST', `/tasks/${task.body.id}/complete`, { authorization })
    expect(done.status).toBe(200)
    const next = await send('GET', `/tasks/${done.body.nextOccurrenceId}`, { authorization })
    expect(next.body.due).toMatch(/^\d{4}-02-29$/)
  })
})
