import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { api, eventually, send, signUp } from './client.ts'

describe('task reminders through NGINX', () => {
  it('a reminder set a few seconds ahead lands in the inbox and on the live stream', async () => {
    const me = await signUp({ timezone: 'Europe/Berlin' })
    const { authorization } = me
    const live = await openSse(`${api}/events`, { authorization })
    await live.named('ready')

    const task = await send('POST', '/tasks', {
      authorization,
      body: { title: 'Water the plants', due: '2030-03-31' },
    })
    expect(task.status).toBe(201)
    const at = new Date(Date.now() + 3_000).toISOString()
    const set = await send('PUT', `/tasks/${task.body.id}/reminders`, {
      authorization,
      body: { reminders: [{ at }, { before: 60 }] },
    })
    expect(set.status, JSON.stringify(set.body)).toBe(200)
    expect(set.body).toEqual({ taskId: task.body.id, reminders: [{ at }, { before: 60 }] })
    expect((await send('GET', `/tasks/${task.body.id}/reminders`, { authorization })).body).toEqual(set.body)

    const inbox = await eventually(
      () => send('GET', '/notifications', { authorization }),
      (answer) => answer.status === 200 && answer.body.items.length > 0,
    )
    expect(inbox.body.items).toHaveLength(1)
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'task_reminder',
      title: 'Water the plants',
      body: 'Due Sunday 31 March 2030.',
      data: { taskId: task.body.id, projectId: task.body.projectId },
    })
    const created = await live.until(() => live.events().find((event) => event.type === 'notification.created'), 15_000)
    expect(created).toMatchObject({ userId: me.userId, data: { kind: 'task_reminder', title: 'Water the plants' } })
    await live.close()
  })

  it("answers 404 for another user's task and 4xx problem+json for bad reminders", async () => {
    const [owner, stranger] = await Promise.all([signUp(), signUp()])
    const task = await send('POST', '/tasks', { authorization: owner.authorization, body: { title: 'Mine' } })
    const foreign = await send('GET', `/tasks/${task.body.id}/reminders`, { authorization: stranger.authorization })
    expect(foreign.status).toBe(404)
    const noDue = await send('PUT', `/tasks/${task.body.id}/reminders`, {
      authorization: owner.authorization,
      body: { reminders: [{ before: 10 }] },
    })
    expect(noDue.status).toBe(422)
    expect(noDue.headers.get('content-type')).toContain('application/problem+json')
    expect(noDue.body.errors[0].field).toBe('/body/reminders/0/before')
    const bad = await send('PUT', `/tasks/${task.body.id}/reminders`, {
      authorization: owner.authorization,
      body: { reminders: [{ before: 99_999 }] },
    })
    expect(bad.status).toBe(400)
  })
})
