import { describe, expect, it } from 'vitest'
import { type SignedUp, send, sharedProject, signUp } from './client.ts'

/** Moving an item to a position puts it there, or just before the item already there: 0 is the top. */

const idsOf = (answer: { body: { items: Array<{ id: string }> } }) => answer.body.items.map((item) => item.id)

async function create(user: SignedUp, path: string, body: unknown) {
  const answer = await send('POST', path, { authorization: user.authorization, body })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return answer.body as { id: string; position: number }
}

async function move(user: SignedUp, path: string, position: number) {
  const answer = await send('PATCH', path, { authorization: user.authorization, body: { position } })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body as { position: number }
}

describe('manual order through NGINX', () => {
  it('moves a habit to the top with position 0, and between two others', async () => {
    const user = await signUp()
    const [a, b, c] = [
      await create(user, '/habits', { name: 'A' }),
      await create(user, '/habits', { name: 'B' }),
      await create(user, '/habits', { name: 'C' }),
    ]
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2])
    await move(user, `/habits/${c.id}`, 0)
    expect(idsOf(await send('GET', '/habits', { authorization: user.authorization }))).toEqual([c.id, a.id, b.id])
    const between = await move(user, `/habits/${b.id}`, 0)
    expect(idsOf(await send('GET', '/habits', { authorization: user.authorization }))).toEqual([c.id, b.id, a.id])
    expect(between.position).toBeGreaterThan(-1)
    expect(between.position).toBeLessThan(0)
  })

  it("moves a task before the one at the position it asks for, in its project's order", async () => {
    const user = await signUp()
    const first = await create(user, '/tasks', { title: 'First', position: 0 })
    const second = await create(user, '/tasks', { title: 'Second', position: 1 })
    const third = await create(user, '/tasks', { title: 'Third', position: 0 })
    const list = () => send('GET', '/tasks?sort=position', { authorization: user.authorization })
    expect(idsOf(await list())).toEqual([third.id, first.id, second.id])
    await move(user, `/tasks/${second.id}`, 0)
    expect(idsOf(await list())).toEqual([third.id, second.id, first.id])
  })

  it('keeps a list of projects per member: each moves theirs, a viewer too, without touching the project', async () => {
    const [owner, viewer] = await Promise.all([signUp(), signUp()])
    const shared = await sharedProject(owner, viewer, 'viewer')
    const mine = await create(owner, '/projects', { name: 'Mine' })
    const projects = async (user: SignedUp) =>
      (await send('GET', '/projects', { authorization: user.authorization })).body.items.map(
        (project: { name: string }) => project.name,
      )
    expect(await projects(owner)).toEqual(['Inbox', 'Shared', 'Mine'])
    expect(await projects(viewer)).toEqual(['Inbox', 'Shared'])

    const moved = await move(owner, `/projects/${mine.id}`, 0)
    expect(moved).toMatchObject({ name: 'Mine', version: 1 })
    expect(await projects(owner)).toEqual(['Mine', 'Inbox', 'Shared'])
    await move(viewer, `/projects/${shared.id}`, 0)
    expect(await projects(viewer)).toEqual(['Shared', 'Inbox'])
    expect(await projects(owner)).toEqual(['Mine', 'Inbox', 'Shared'])
    const rename = await send('PATCH', `/projects/${shared.id}`, {
      authorization: viewer.authorization,
      body: { name: 'Not mine', position: 5 },
    })
    expect(rename.status).toBe(403)
  })
})
