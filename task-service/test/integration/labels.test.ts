import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, expectProblem, ok, registerUser, startTaskService, type TestService, type TestUser } from './support.ts'

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
})
