import { createApp } from '@focushub/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, expectProblem, ok, registerUser, startTaskService, type TestService, type TestUser } from './support.ts'

/** auth-service's internal look-up, stood in over real HTTP: knows one e-mail, and records the token it saw. */
const directory = createApp({ service: 'auth-stand-in', logLevel: 'silent' })
const seen: { authorization?: string } = {}
let known: TestUser

let service: TestService
let owner: TestUser

beforeAll(async () => {
  directory.get('/internal/users/by-email', async (request, reply) => {
    seen.authorization = request.headers.authorization
    const { email } = request.query as { email: string }
    if (email === 'grace@example.com') return { id: known.id, displayName: 'Grace' }
    return reply.code(404).send({ title: 'Not Found' })
  })
  await directory.listen({ port: 0, host: '127.0.0.1' })
  const { port } = directory.server.address() as { port: number }
  service = await startTaskService({ AUTH_SERVICE_URL: `http://127.0.0.1:${port}` })
  ;[owner, known] = await Promise.all([registerUser(service), registerUser(service)])
})
afterAll(async () => {
  await service.close()
  await directory.close()
})

const newProject = (name = 'Garden') =>
  ok<{ id: string; version: number }>(call(service, owner, 'POST', '/projects', { name }), 201)

describe('projects', () => {
  it('create, rename, colour, archive, unarchive and list', async () => {
    const project = await newProject()
    const task = await ok<{ id: string }>(
      call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'Rake' }),
      201,
    )
    const renamed = await ok(
      call(service, owner, 'PATCH', `/projects/${project.id}`, { name: 'Yard', color: '#33aa55' }),
    )
    expect(renamed).toMatchObject({ name: 'Yard', color: '#33aa55', role: 'owner', archived: false, version: 2 })
    const archived = await ok(call(service, owner, 'PATCH', `/projects/${project.id}`, { archived: true }))
    expect(archived).toMatchObject({ archived: true, version: 3 })
    const active = await ok<{ items: { id: string }[] }>(call(service, owner, 'GET', '/projects'))
    expect(active.items.map((p) => p.id)).not.toContain(project.id)
    const inArchive = await ok<{ items: { id: string }[] }>(call(service, owner, 'GET', '/projects?archived=true'))
    expect(inArchive.items.map((p) => p.id)).toEqual([project.id])
    expectProblem(await call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'x' }), 409)
    expectProblem(await call(service, owner, 'PATCH', `/tasks/${task.id}`, { title: 'x' }), 409)
    // Archived projects' tasks leave the default lists, and stay readable when the project is named.
    const everything = await ok<{ items: { id: string }[] }>(call(service, owner, 'GET', '/tasks'))
    expect(everything.items.map((t) => t.id)).not.toContain(task.id)
    const named = await ok<{ items: { id: string }[] }>(call(service, owner, 'GET', `/tasks?projectId=${project.id}`))
    expect(named.items.map((t) => t.id)).toEqual([task.id])
    const restored = await ok(call(service, owner, 'PATCH', `/projects/${project.id}`, { archived: false }))
    expect(restored).toMatchObject({ archived: false, archivedAt: null })
  })

  it('deleting a project deletes its tasks', async () => {
    const project = await newProject()
    const task = await ok<{ id: string }>(
      call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'Dig' }),
      201,
    )
    await ok(call(service, owner, 'DELETE', `/projects/${project.id}`), 204)
    expectProblem(await call(service, owner, 'GET', `/tasks/${task.id}`), 404)
    expectProblem(await call(service, owner, 'GET', `/projects/${project.id}`), 404)
  })

  it('the Inbox is never archived, deleted or shared', async () => {
    const projects = await ok<{ items: { id: string; isInbox: boolean }[] }>(call(service, owner, 'GET', '/projects'))
    const inbox = projects.items.find((p) => p.isInbox) as { id: string }
    expectProblem(await call(service, owner, 'PATCH', `/projects/${inbox.id}`, { archived: true }), 409)
    expectProblem(await call(service, owner, 'DELETE', `/projects/${inbox.id}`), 409)
    expectProblem(
      await call(service, owner, 'POST', `/projects/${inbox.id}/members`, { userId: known.id, role: 'viewer' }),
      409,
    )
  })

  it('pages through projects with a cursor', async () => {
    const user = await registerUser(service)
    for (let i = 0; i < 3; i++) await ok(call(service, user, 'POST', '/projects', { name: `p${i}` }), 201)
    const first = await ok<{ items: unknown[]; nextCursor: string }>(call(service, user, 'GET', '/projects?limit=2'))
    const second = await ok<{ items: unknown[]; nextCursor: null }>(
      call(service, user, 'GET', `/projects?limit=2&cursor=${first.nextCursor}`),
    )
    expect([first.items.length, second.items.length, second.nextCursor]).toEqual([2, 2, null])
  })
})

describe('members', () => {
  it('adds a member by e-mail through auth-service, forwarding the caller token', async () => {
    const project = await newProject()
    const member = await ok(
      call(service, owner, 'POST', `/projects/${project.id}/members`, { email: 'grace@example.com', role: 'editor' }),
      201,
    )
    expect(member).toMatchObject({ userId: known.id, role: 'editor' })
    expect(seen.authorization).toBe(owner.authorization)
    const shared = await ok(call(service, known, 'GET', `/projects/${project.id}`))
    expect(shared).toMatchObject({ role: 'editor', ownerId: owner.id })
    expectProblem(
      await call(service, owner, 'POST', `/projects/${project.id}/members`, {
        email: 'nobody@example.com',
        role: 'viewer',
      }),
      422,
    )
    expectProblem(
      await call(service, owner, 'POST', `/projects/${project.id}/members`, { userId: known.id, role: 'viewer' }),
      409,
    )
  })

  it('an unreachable directory answers 503, an unknown user id 422', async () => {
    const offline = await startTaskService({ AUTH_SERVICE_URL: 'http://127.0.0.1:9', AUTH_LOOKUP_TIMEOUT_MS: '500' })
    try {
      const user = await registerUser(offline)
      const project = await ok<{ id: string }>(call(offline, user, 'POST', '/projects', { name: 'x' }), 201)
      expectProblem(
        await call(offline, user, 'POST', `/projects/${project.id}/members`, {
          email: 'a@example.com',
          role: 'viewer',
        }),
        503,
      )
      expectProblem(
        await call(offline, user, 'POST', `/projects/${project.id}/members`, {
          userId: crypto.randomUUID(),
          role: 'viewer',
        }),
        422,
      )
    } finally {
      await offline.close()
    }
  })

  it('changes roles; the owner can neither be demoted nor removed; leaving clears assignments', async () => {
    const project = await newProject()
    const member = await registerUser(service)
    await ok(
      call(service, owner, 'POST', `/projects/${project.id}/members`, { userId: member.id, role: 'viewer' }),
      201,
    )
    const changed = await ok(
      call(service, owner, 'PATCH', `/projects/${project.id}/members/${member.id}`, { role: 'editor' }),
    )
    expect(changed).toMatchObject({ role: 'editor' })
    expectProblem(
      await call(service, owner, 'PATCH', `/projects/${project.id}/members/${owner.id}`, { role: 'viewer' }),
      409,
    )
    expectProblem(await call(service, owner, 'DELETE', `/projects/${project.id}/members/${owner.id}`), 409)
    const task = await ok<{ id: string }>(
      call(service, owner, 'POST', '/tasks', {
        projectId: project.id,
        title: 'x',
        assigneeId: member.id,
        observerIds: [member.id],
      }),
      201,
    )
    await ok(call(service, member, 'DELETE', `/projects/${project.id}/members/${member.id}`), 204)
    const after = await ok(call(service, owner, 'GET', `/tasks/${task.id}`))
    expect(after).toMatchObject({ assigneeId: null, observerIds: [], version: 2 })
    expectProblem(await call(service, member, 'GET', `/projects/${project.id}`), 404)
    const members = await ok<{ items: { userId: string }[] }>(
      call(service, owner, 'GET', `/projects/${project.id}/members`),
    )
    expect(members.items.map((m) => m.userId)).toEqual([owner.id])
  })
})
