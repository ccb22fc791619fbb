import { createEvent } from '@focushub/shared/events'
import { createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  deliverEvents,
  expectProblem,
  join,
  ok,
  outboxEvents,
  registerUser,
  startTaskService,
  type TestService,
  type TestUser,
} from './support.ts'

/** auth-service's internal look-up, stood in over real HTTP: knows two e-mails. */
const directory = createApp({ service: 'auth-stand-in', logLevel: 'silent' })
let known: TestUser

let service: TestService
let owner: TestUser

beforeAll(async () => {
  directory.get('/internal/users/by-email', async (request, reply) => {
    const { email } = request.query as { email: string }
    if (email === 'grace@example.com') return { id: known.id, displayName: 'Grace' }
    if (email === 'owner@example.com') return { id: owner.id, displayName: 'Owner' }
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
    expectProblem(
      await call(service, owner, 'POST', '/tasks', { projectId: project.id, title: 'x' }),
      409,
      'project-archived',
    )
    expectProblem(await call(service, owner, 'PATCH', `/tasks/${task.id}`, { title: 'x' }), 409, 'project-archived')
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
    expectProblem(
      await call(service, owner, 'PATCH', `/projects/${inbox.id}`, { archived: true }),
      409,
      'inbox-protected',
    )
    expectProblem(await call(service, owner, 'DELETE', `/projects/${inbox.id}`), 409, 'inbox-protected')
    expectProblem(
      await call(service, owner, 'POST', `/projects/${inbox.id}/invitations`, { userId: known.id, role: 'viewer' }),
      409,
      'inbox-protected',
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

interface Invitation {
  id: string
  projectId: string
  email: string | null
  userId: string | null
  role: string
  invitedAt: string
  expiresAt: string
}

const invite = (user: TestUser, projectId: string, body: object) =>
  ok<Invitation>(call(service, user, 'POST', `/projects/${projectId}/invitations`, body), 202)
const received = async (user: TestUser) =>
  (
    await ok<{ items: { id: string; projectId: string; projectName: string }[] }>(
      call(service, user, 'GET', '/invitations'),
    )
  ).items
const openInvitations = async (projectId: string) =>
  (await ok<{ items: Invitation[] }>(call(service, owner, 'GET', `/projects/${projectId}/invitations`))).items
const invitationEvents = async (projectId: string) =>
  (await outboxEvents(service.db, { type: 'project.invitation_received' })).filter(
    (e) => e.data.projectId === projectId,
  )

describe('invitations', () => {
  it('the inviter gets the same answer for an account, no account and a member; only the account hears of it', async () => {
    const project = await newProject('Invited')
    const answers = await Promise.all(
      ['grace@example.com', 'nobody@example.com', 'owner@example.com'].map((email) =>
        invite(owner, project.id, { email, role: 'editor' }),
      ),
    )
    const shapeOf = ({ id: _, email: __, invitedAt: ___, expiresAt: ____, ...rest }: Invitation) => rest
    expect(answers.map(shapeOf)).toEqual(Array(3).fill({ projectId: project.id, userId: null, role: 'editor' }))
    expect((await openInvitations(project.id)).map((i) => i.email).sort()).toEqual([
      'grace@example.com',
      'nobody@example.com',
      'owner@example.com',
    ])
    const events = await invitationEvents(project.id)
    expect(events.map((e) => [e.userId, e.data.invitationId])).toEqual([[known.id, answers[0].id]])

    // Inviting again answers the same invitation and tells no one twice.
    const again = await invite(owner, project.id, { email: 'GRACE@example.com', role: 'viewer' })
    expect(again).toEqual(answers[0])
    expect(await invitationEvents(project.id)).toHaveLength(1)

    // Nothing of the project is visible before the invitee accepts.
    expectProblem(await call(service, known, 'GET', `/projects/${project.id}`), 404)
    expectProblem(await call(service, known, 'GET', `/projects/${project.id}/members`), 404)
    expect(await received(known)).toContainEqual(
      expect.objectContaining({ id: answers[0].id, projectName: 'Invited', role: 'editor', invitedBy: owner.id }),
    )
    const membership = await ok(call(service, known, 'POST', `/invitations/${answers[0].id}/accept`))
    expect(membership).toMatchObject({ projectId: project.id, userId: known.id, role: 'editor' })
    expect(await ok(call(service, known, 'GET', `/projects/${project.id}`))).toMatchObject({ role: 'editor' })
    const added = (await outboxEvents(service.db, { type: 'project.member_added' })).filter(
      (e) => e.data.projectId === project.id,
    )
    expect(added.map((e) => [e.userId, e.data.memberId, e.data.audience])).toEqual([
      [known.id, known.id, [owner.id, known.id].sort()],
    ])
    expect((await openInvitations(project.id)).map((i) => i.email)).not.toContain('grace@example.com')
    expectProblem(await call(service, known, 'POST', `/invitations/${answers[0].id}/accept`), 404)
  })

  it('a declined invitation leaves the invitee and stays open to the owner until it expires', async () => {
    const project = await newProject()
    const invitation = await invite(owner, project.id, { userId: known.id, role: 'viewer' })
    const stranger = await registerUser(service)
    expectProblem(await call(service, stranger, 'POST', `/invitations/${invitation.id}/accept`), 404)
    expectProblem(await call(service, owner, 'POST', `/invitations/${invitation.id}/accept`), 404)
    await ok(call(service, known, 'POST', `/invitations/${invitation.id}/decline`), 204)
    expect((await received(known)).map((i) => i.id)).not.toContain(invitation.id)
    expectProblem(await call(service, known, 'POST', `/invitations/${invitation.id}/accept`), 404)
    expect((await openInvitations(project.id)).map((i) => i.id)).toEqual([invitation.id])
    // Inviting again does not bring a declined invitation back to the invitee.
    expect(await invite(owner, project.id, { userId: known.id, role: 'viewer' })).toEqual(invitation)
    expect((await received(known)).map((i) => i.id)).not.toContain(invitation.id)
    service.clock.set(new Date(Date.parse(invitation.expiresAt) + 1000))
    try {
      expect(await openInvitations(project.id)).toEqual([])
    } finally {
      service.clock.set(new Date())
    }
  })

  it('the owner revokes an invitation; an expired one cannot be accepted', async () => {
    const project = await newProject()
    const revoked = await invite(owner, project.id, { userId: known.id, role: 'viewer' })
    await ok(call(service, owner, 'DELETE', `/projects/${project.id}/invitations/${revoked.id}`), 204)
    expectProblem(await call(service, owner, 'DELETE', `/projects/${project.id}/invitations/${revoked.id}`), 404)
    expect((await received(known)).map((i) => i.id)).not.toContain(revoked.id)
    expectProblem(await call(service, known, 'POST', `/invitations/${revoked.id}/accept`), 404)
    const expiring = await invite(owner, project.id, { userId: known.id, role: 'viewer' })
    expect(expiring.id).not.toBe(revoked.id)
    service.clock.set(new Date(Date.parse(expiring.expiresAt) + 1000))
    try {
      expectProblem(await call(service, known, 'POST', `/invitations/${expiring.id}/accept`), 404)
    } finally {
      service.clock.set(new Date())
    }
  })

  it('a project has a bounded number of open invitations and sends a bounded number a day', async () => {
    const limited = await startTaskService({ INVITATIONS_MAX_PENDING: '2', INVITATIONS_PER_DAY: '3' })
    try {
      const user = await registerUser(limited)
      const project = await ok<{ id: string }>(call(limited, user, 'POST', '/projects', { name: 'x' }), 201)
      const inviteSomeone = () =>
        call(limited, user, 'POST', `/projects/${project.id}/invitations`, {
          userId: crypto.randomUUID(),
          role: 'viewer',
        })
      const first = await ok<Invitation>(inviteSomeone(), 202)
      await ok(inviteSomeone(), 202)
      expectProblem(await inviteSomeone(), 409, 'too-many-open-invitations')
      await ok(call(limited, user, 'DELETE', `/projects/${project.id}/invitations/${first.id}`), 204)
      await ok(inviteSomeone(), 202)
      const tooMany = expectProblem(await inviteSomeone(), 429)
      expect(tooMany.detail).toMatch(/24 hours/)
    } finally {
      await limited.close()
    }
  })

  it('an unreachable directory answers 503; an unknown user id gets the usual answer', async () => {
    const offline = await startTaskService({ AUTH_SERVICE_URL: 'http://127.0.0.1:9', AUTH_LOOKUP_TIMEOUT_MS: '500' })
    try {
      const user = await registerUser(offline)
      const project = await ok<{ id: string }>(call(offline, user, 'POST', '/projects', { name: 'x' }), 201)
      expectProblem(
        await call(offline, user, 'POST', `/projects/${project.id}/invitations`, {
          email: 'a@example.com',
          role: 'viewer',
        }),
        503,
      )
      await ok(
        call(offline, user, 'POST', `/projects/${project.id}/invitations`, {
          userId: crypto.randomUUID(),
          role: 'viewer',
        }),
        202,
      )
    } finally {
      await offline.close()
    }
  })
})

describe('members', () => {
  it('changes roles; the owner can neither be demoted nor removed; leaving clears assignments', async () => {
    const project = await newProject()
    const member = await registerUser(service)
    await join(service, owner, project.id, member, 'viewer')
    const changed = await ok(
      call(service, owner, 'PATCH', `/projects/${project.id}/members/${member.id}`, { role: 'editor' }),
    )
    expect(changed).toMatchObject({ role: 'editor' })
    const demote = call(service, owner, 'PATCH', `/projects/${project.id}/members/${owner.id}`, { role: 'viewer' })
    expectProblem(await demote, 409, 'owner-role-fixed')
    const leave = call(service, owner, 'DELETE', `/projects/${project.id}/members/${owner.id}`)
    expectProblem(await leave, 409, 'owner-cannot-leave')
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
  it('shows members by their display name, kept current by profile events and never by an older one', async () => {
    const project = await newProject()
    const member = await registerUser(service, { displayName: 'Mira' })
    await join(service, owner, project.id, member, 'viewer')
    const names = async () =>
      (
        await ok<{ items: { userId: string; displayName: string | null }[] }>(
          call(service, owner, 'GET', `/projects/${project.id}/members`),
        )
      ).items.find((each) => each.userId === member.id)?.displayName
    expect(await names()).toBe('Mira')
    const renamed = (displayName: string, occurredAt: Date) => ({
      ...createEvent(
        'auth.user.profile_updated',
        { displayName, timezone: 'UTC', dayStartHour: 0 },
        { producer: 'auth-service', userId: member.id, requestId: 'rename' },
      ).event,
      occurredAt: occurredAt.toISOString(),
    })
    await deliverEvents(service, [renamed('Mira K.', new Date(Date.now() + 60_000))])
    expect(await names()).toBe('Mira K.')
    await deliverEvents(service, [renamed('Mira (old)', new Date(Date.now() - 60_000))])
    expect(await names()).toBe('Mira K.')
    const changed = await ok(
      call(service, owner, 'PATCH', `/projects/${project.id}/members/${member.id}`, { role: 'editor' }),
    )
    expect(changed).toMatchObject({ userId: member.id, displayName: 'Mira K.', role: 'editor' })
  })
})
