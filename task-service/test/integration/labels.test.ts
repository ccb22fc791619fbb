import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  expectProblem,
  ok,
  registerUser,
  sharedProject,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

let service: TestService
let user: TestUser
let other: TestUser

beforeAll(async () => {
  service = await startTaskService()
  ;[user, other] = await Promise.all([registerUser(service), registerUser(service)])
})
afterAll(() => service.close())

describe('labels', () => {
  it('create, read, rename, list, and names unique per user whatever the case', async () => {
    const label = await ok<{ id: string }>(
      call(service, user, 'POST', '/labels', { name: 'Work', color: '#ff0000' }),
      201,
    )
    expectProblem(await call(service, user, 'POST', '/labels', { name: 'work' }), 409)
    await ok(call(service, other, 'POST', '/labels', { name: 'work' }), 201)
    const renamed = await ok(call(service, user, 'PATCH', `/labels/${label.id}`, { name: 'Office', version: 1 }))
    expect(renamed).toMatchObject({ name: 'Office', color: '#ff0000', version: 2 })
    expectProblem(await call(service, user, 'PATCH', `/labels/${label.id}`, { name: 'Stale', version: 1 }), 412)
    expect(await ok(call(service, user, 'GET', `/labels/${label.id}`))).toMatchObject({ name: 'Office' })
    const mine = await ok<{ items: { name: string }[] }>(call(service, user, 'GET', '/labels'))
    expect(mine.items.map((l) => l.name)).toEqual(['Office'])
  })

  it("another user's label is not found, and cannot be attached", async () => {
    const label = await ok<{ id: string }>(call(service, other, 'POST', '/labels', { name: 'secret' }), 201)
    expectProblem(await call(service, user, 'GET', `/labels/${label.id}`), 404)
    expectProblem(await call(service, user, 'PATCH', `/labels/${label.id}`, { name: 'mine' }), 404)
    expectProblem(await call(service, user, 'DELETE', `/labels/${label.id}`), 404)
    expectProblem(await call(service, user, 'POST', '/tasks', { title: 'x', labelIds: [label.id] }), 422)
  })

  it('deleting a label takes it off its tasks', async () => {
    const label = await ok<{ id: string }>(call(service, user, 'POST', '/labels', { name: 'temporary' }), 201)
    const task = await ok<{ id: string }>(
      call(service, user, 'POST', '/tasks', { title: 'x', labelIds: [label.id] }),
      201,
    )
    await ok(call(service, user, 'DELETE', `/labels/${label.id}`), 204)
    expect(await ok(call(service, user, 'GET', `/tasks/${task.id}`))).toMatchObject({ labelIds: [] })
  })

  it('a label deleted while a task is being written with it answers 422, never stays on the task', async () => {
    const label = await ok<{ id: string }>(call(service, user, 'POST', '/labels', { name: 'contested' }), 201)
    const blockedBy = (pid: number) =>
      sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`
    const { creating } = await service.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('labels').where('id', '=', label.id).execute()
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      const pid = rows[0]?.pid as number
      const creating = call(service, user, 'POST', '/tasks', { title: 'x', labelIds: [label.id] })
      await expect.poll(async () => (await blockedBy(pid).execute(service.db)).rows[0]?.n).toBe(1)
      return { creating }
    })
    expectProblem(await creating, 422)
  })

  it("each member of a shared project sets only their own labels on a task; the others' stay", async () => {
    const [owner, editor, viewer] = await Promise.all([
      registerUser(service),
      registerUser(service),
      registerUser(service),
    ])
    const project = await sharedProject(service, owner, editor, viewer)
    const ownerLabel = await ok<{ id: string }>(call(service, owner, 'POST', '/labels', { name: 'Owner' }), 201)
    const editorLabel = await ok<{ id: string }>(call(service, editor, 'POST', '/labels', { name: 'Editor' }), 201)
    const task = await ok<{ id: string }>(
      call(service, owner, 'POST', '/tasks', { title: 'Shared', projectId: project.id, labelIds: [ownerLabel.id] }),
      201,
    )
    const labelsOf = async () =>
      (await ok<{ labelIds: string[] }>(call(service, owner, 'GET', `/tasks/${task.id}`))).labelIds

    await ok(call(service, editor, 'PATCH', `/tasks/${task.id}`, { labelIds: [editorLabel.id] }))
    expect(await labelsOf()).toEqual([ownerLabel.id, editorLabel.id])
    const ownerView = await ok<{ items: { id: string }[] }>(
      call(service, owner, 'GET', `/tasks?labelId=${ownerLabel.id}`),
    )
    expect(ownerView.items.map((t) => t.id)).toEqual([task.id])

    await ok(call(service, owner, 'PATCH', `/tasks/${task.id}`, { labelIds: [] }))
    expect(await labelsOf()).toEqual([editorLabel.id])
    // Sending back what one read keeps the others' labels and changes nothing of them.
    await ok(call(service, owner, 'PATCH', `/tasks/${task.id}`, { labelIds: [editorLabel.id, ownerLabel.id] }))
    expect(await labelsOf()).toEqual([editorLabel.id, ownerLabel.id])
    await ok(call(service, editor, 'PATCH', `/tasks/${task.id}`, { labelIds: [] }))
    expect(await labelsOf()).toEqual([ownerLabel.id])
    const stranger = await ok<{ id: string }>(call(service, other, 'POST', '/labels', { name: 'Stranger' }), 201)
    expectProblem(await call(service, editor, 'PATCH', `/tasks/${task.id}`, { labelIds: [stranger.id] }), 422)
  })
})
