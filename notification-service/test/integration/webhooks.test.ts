import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEventApplier } from '@focushub/shared/events'
import { type App, createApp } from '@focushub/shared/http'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookEventHandlers, webhooksConsumerGroup } from '../../src/consumers/webhooks.consumer.ts'
import { createOutgoing, RefusedTarget } from '../../src/modules/webhooks/outgoing.ts'
import { secretBox } from '../../src/modules/webhooks/secret-box.ts'
import { firstIdAt, pruneWebhookLog } from '../../src/modules/webhooks/webhook-log-pruning.ts'
import { createProjectRoles } from '../../src/modules/webhooks/webhooks.clients.ts'
import {
  attemptDelivery,
  deliveryJobKey,
  sealStoredSecrets,
  type WebhookContext,
} from '../../src/modules/webhooks/webhooks.service.ts'
import { consumed, expectProblem, newUser, standInGuard, startWithStandIn, type TestService } from './support.ts'

/** A receiver on loopback answering `status` (or nothing at all, or a body of `bodyBytes`), counting requests. */
function receiver(answer: { status?: number; silent?: boolean; bodyBytes?: number } = {}) {
  let requests = 0
  const server: Server = createServer((request, response) => {
    requests += 1
    request.resume()
    if (answer.silent) return
    response.statusCode = answer.status ?? 204
    response.end(answer.bodyBytes ? Buffer.alloc(answer.bodyBytes, 'x') : undefined)
  })
  return {
    requests: () => requests,
    url: (path = '/hook') => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}

/** task-service's role route, stood in: `roles` maps `<project>:<user>` to a role. */
const roles = new Map<string, string>()
function taskServiceStandIn(): App {
  const standIn = createApp({ service: 'task-service-stand-in', logLevel: 'silent' })
  standIn.get<{ Params: { projectId: string; userId: string } }>(
    '/internal/projects/:projectId/members/:userId',
    standInGuard,
    async (request, reply) => {
      const role = roles.get(`${request.params.projectId}:${request.params.userId}`)
      return role ? { role } : reply.code(404).send({ code: 'not-found' })
    },
  )
  return standIn
}

let service: TestService
let standIn: App
/** The jobs' context, with private targets allowed (the receivers are on loopback) … */
let open: WebhookContext
/** … and with the guard on, as in production. */
let guarded: WebhookContext

beforeAll(async () => {
  standIn = taskServiceStandIn()
  // Production's guard, whatever the environment says (the local stack's .env.example relaxes it).
  ;({ service } = await startWithStandIn(standIn, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' }))
  const projectRoleOf = createProjectRoles(service.config)
  const secrets = secretBox(service.config.WEBHOOK_SECRET_KEYS)
  open = { ...service.ctx, projectRoleOf, secrets, outgoing: createOutgoing({ allowPrivate: true, timeoutMs: 500 }) }
  guarded = {
    ...service.ctx,
    projectRoleOf,
    secrets,
    outgoing: createOutgoing({ allowPrivate: false, timeoutMs: 500 }),
  }
})
afterAll(async () => {
  await Promise.all([open.outgoing.close(), guarded.outgoing.close()])
  await service.close()
  await standIn.close()
})

async function create(userId: string, body: Record<string, unknown>) {
  return service.app.inject({ method: 'POST', url: '/webhooks', headers: await service.bearer(userId), payload: body })
}

/** A webhook row as the routes make it, written directly (the routes would refuse a loopback URL). */
async function webhookRow(userId: string, url: string, extra: { event_types?: string[]; project_id?: string } = {}) {
  const id = randomUUID()
  await service.db
    .insertInto('webhooks')
    .values({
      id,
      user_id: userId,
      url,
      event_types: extra.event_types ?? ['task.created'],
      project_id: extra.project_id ?? null,
      secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`,
      disabled_reason: null,
    })
    .execute()
  return id
}

const taskCreated = (userId: string, projectId = randomUUID()) =>
  consumed('task.created', userId, {
    taskId: randomUUID(),
    projectId,
    title: 'A task',
    status: 'todo',
    assigneeId: null,
    version: 1,
    audience: [userId],
    parentId: null,
  })

/** Applies events as the webhooks consumer applies a run (one unit of work, each event once). */
const queueEvents = (events: ReturnType<typeof taskCreated>[]) =>
  createEventApplier({ groupId: webhooksConsumerGroup, handlers: webhookEventHandlers, db: service.db })(events)

const deliveriesOf = (webhookId: string) =>
  service.db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).execute()

describe('webhook targets', () => {
  it('refuses http, and loopback, private and link-local addresses, when private targets are not allowed', async () => {
    const userId = newUser()
    for (const url of [
      'http://example.com/hook',
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://app.localhost/hook',
      'https://[::1]/hook',
      'https://10.1.2.3/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::ffff:127.0.0.1]/hook',
      'https://user:secret@example.com/hook',
    ]) {
      const answer = await create(userId, { url, eventTypes: ['task.created'] })
      expectProblem(answer, 400, 'validation-failed')
      expect(answer.json().errors[0].field, url).toBe('url')
    }
    expect((await create(userId, { url: 'https://example.com/hook', eventTypes: ['task.created'] })).statusCode).toBe(
      201,
    )
  })

  it('refuses, after DNS resolution, a name that resolves to a loopback address; no request leaves', async () => {
    const target = receiver()
    await target.start()
    try {
      const port = new URL(target.url()).port
      await expect(guarded.outgoing.post(`http://localhost:${port}/hook`, {}, '{}')).rejects.toThrow(RefusedTarget)
      await expect(guarded.outgoing.post(`http://127.0.0.1:${port}/hook`, {}, '{}')).rejects.toThrow(/loopback/)
      await expect(guarded.outgoing.post(`http://[::ffff:7f00:1]:${port}/hook`, {}, '{}')).rejects.toThrow(/loopback/)

      // A webhook whose name came to resolve to loopback after it was made: the attempt is logged, refused.
      const userId = newUser()
      const webhookId = await webhookRow(userId, `http://localhost:${port}/hook`)
      await queueEvents([taskCreated(userId)])
      const [delivery] = await deliveriesOf(webhookId)
      expect(await attemptDelivery(guarded, delivery.id)).toBe('retrying')
      const [attempt] = await service.db
        .selectFrom('webhook_attempts')
        .selectAll()
        .where('delivery_id', '=', delivery.id)
        .execute()
      expect(attempt).toMatchObject({ number: 1, status: null })
      expect(attempt.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address: refused/)
      expect(target.requests()).toBe(0)
    } finally {
      await target.stop()
    }
  })

  it('bounds an attempt in time and reads at most a KiB of the answer', async () => {
    const silent = receiver({ silent: true })
    const talkative = receiver({ status: 200, bodyBytes: 20 * 1024 * 1024 })
    await Promise.all([silent.start(), talkative.start()])
    try {
      const started = performance.now()
      await expect(open.outgoing.post(silent.url(), {}, '{}')).rejects.toThrow()
      expect(performance.now() - started).toBeLessThan(3000)
      const answer = await open.outgoing.post(talkative.url(), {}, '{}')
      expect(answer.status).toBe(200)
      expect(answer.answer.length).toBe(1024)
    } finally {
      await Promise.all([silent.stop(), talkative.stop()])
    }
  })
})

describe('queueing and delivering', () => {
  it('queues an event once to each turned-on webhook that takes its type, a project’s only for its project', async () => {
    const userId = newUser()
    const projectId = randomUUID()
    const mine = await webhookRow(userId, 'https://example.com/mine')
    const project = await webhookRow(userId, 'https://example.com/project', { project_id: projectId })
    const otherProject = await webhookRow(userId, 'https://example.com/other', { project_id: randomUUID() })
    const otherType = await webhookRow(userId, 'https://example.com/type', { event_types: ['task.deleted'] })
    const off = await webhookRow(userId, 'https://example.com/off')
    await service.db.updateTable('webhooks').set({ enabled: false }).where('id', '=', off).execute()
    const someoneElse = await webhookRow(newUser(), 'https://example.com/else')

    const event = taskCreated(userId, projectId)
    // Told twice (a redelivery after a crash): queued once.
    await queueEvents([event])
    await queueEvents([event])

    expect(await deliveriesOf(mine)).toHaveLength(1)
    expect(await deliveriesOf(project)).toHaveLength(1)
    for (const none of [otherProject, otherType, off, someoneElse]) expect(await deliveriesOf(none)).toHaveLength(0)
    const [delivery] = await deliveriesOf(mine)
    expect(delivery).toMatchObject({ event_id: event.id, event_type: 'task.created', state: 'pending', attempts: 0 })
    const { rows } = await sql<{ key: string }>`
      select key from ${sql.id(service.config.JOB_QUEUE_SCHEMA, 'jobs')} where key = ${deliveryJobKey(delivery.id)}`.execute(
      service.db,
    )
    expect(rows).toHaveLength(1)
  })

  it('schedules a retry after a failure, and fails the delivery and turns the webhook off after a day, telling its owner', async () => {
    const target = receiver({ status: 503 })
    await target.start()
    try {
      const userId = newUser()
      const webhookId = await webhookRow(userId, target.url())
      await queueEvents([taskCreated(userId)])
      const [delivery] = await deliveriesOf(webhookId)

      const before = Date.now()
      expect(await attemptDelivery(open, delivery.id)).toBe('retrying')
      const [retrying] = await deliveriesOf(webhookId)
      expect(retrying).toMatchObject({ state: 'pending', attempts: 1, last_status: 503, last_error: 'answered 503' })
      const wait = (retrying.next_attempt_at as Date).getTime() - before
      expect(wait).toBeGreaterThanOrEqual(9_000)
      expect(wait).toBeLessThanOrEqual(11_500)

      // A day of failures later: the last attempt fails it for good.
      await service.db
        .updateTable('webhook_deliveries')
        .set({ retrying_since: new Date(Date.now() - 24 * 3600_000 - 1000) })
        .where('id', '=', delivery.id)
        .execute()
      expect(await attemptDelivery(open, delivery.id)).toBe('failed')
      expect((await deliveriesOf(webhookId))[0]).toMatchObject({ state: 'failed', attempts: 2, next_attempt_at: null })
      const webhook = await service.db.selectFrom('webhooks').selectAll().where('id', '=', webhookId).executeTakeFirst()
      expect(webhook).toMatchObject({ enabled: false, disabled_reason: 'failing' })
      const told = await service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute()
      expect(told).toHaveLength(1)
      expect(told[0]).toMatchObject({ kind: 'webhook_disabled', data: { webhookId } })
      expect(told[0].body).toContain(target.url())

      // Off, it is sent nothing more; turned on again, it is no longer marked failing.
      await queueEvents([taskCreated(userId)])
      expect(await deliveriesOf(webhookId)).toHaveLength(1)
      const on = await service.app.inject({
        method: 'PATCH',
        url: `/webhooks/${webhookId}`,
        headers: await service.bearer(userId),
        payload: { enabled: true },
      })
      expect(on.json()).toMatchObject({ enabled: true, disabledReason: null })
      expect(target.requests()).toBe(2)
    } finally {
      await target.stop()
    }
  })
})

describe('webhook routes', () => {
  it('keeps at most 20 webhooks per user, however many are created at once', async () => {
    const userId = newUser()
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        create(userId, { url: 'https://example.com/hook', eventTypes: ['task.created'] }),
      ),
    )
    const statuses = answers.map((answer) => answer.statusCode).sort()
    expect(statuses.filter((status) => status === 201)).toHaveLength(20)
    expect(statuses.filter((status) => status === 409)).toHaveLength(5)
    expectProblem(answers.find((answer) => answer.statusCode === 409) as never, 409, 'webhook-limit-reached')
  })

  it('lets only a project’s owner add its webhook, asking task-service', async () => {
    const owner = newUser()
    const editor = newUser()
    const projectId = randomUUID()
    roles.set(`${projectId}:${owner}`, 'owner')
    roles.set(`${projectId}:${editor}`, 'editor')
    const body = { url: 'https://example.com/hook', eventTypes: ['task.created'], projectId }
    expectProblem(await create(editor, body), 403, 'forbidden')
    expectProblem(await create(newUser(), body), 404, 'not-found')
    const made = await create(owner, body)
    expect(made.statusCode).toBe(201)
    expect(made.json()).toMatchObject({ projectId, eventTypes: ['task.created'] })
  })
})

describe('the delivery log', () => {
  it('forgets deliveries older than the retention once they are no longer pending, with their attempts', async () => {
    const webhookId = await webhookRow(newUser(), 'https://example.com/old')
    const now = new Date()
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000)
    // An id of an instant: firstIdAt's, with a random tail.
    const idAt = (instant: Date) => `${firstIdAt(instant).slice(0, 19)}${randomUUID().slice(19)}`
    const rows = [
      { id: idAt(daysAgo(40)), state: 'delivered' as const },
      { id: idAt(daysAgo(31)), state: 'failed' as const },
      { id: idAt(daysAgo(40)), state: 'pending' as const },
      { id: idAt(daysAgo(29)), state: 'delivered' as const },
    ]
    await service.db
      .insertInto('webhook_deliveries')
      .values(
        rows.map((row) => ({
          ...row,
          webhook_id: webhookId,
          event_id: randomUUID(),
          event_type: 'task.created',
          payload: '{}',
        })),
      )
      .execute()
    await service.db
      .insertInto('webhook_attempts')
      .values({
        delivery_id: rows[0].id,
        number: 1,
        attempted_at: daysAgo(40),
        status: 204,
        error: null,
        duration_ms: 3,
      })
      .execute()

    expect(await pruneWebhookLog(service.ctx, now)).toBe(2)
    const kept = (await deliveriesOf(webhookId)).map((row) => row.id).sort()
    expect(kept).toEqual([rows[2].id, rows[3].id].sort())
    const attempts = await service.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', '=', rows[0].id)
      .execute()
    expect(attempts).toEqual([])
  })
})

describe('signing secrets at rest', () => {
  const sealedRow = (id: string) =>
    service.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('are sealed under the current key and bound to their webhook; the list shows only a hint', async () => {
    const userId = newUser()
    const made = await create(userId, { url: 'https://example.com/hook', eventTypes: ['task.created'] })
    expect(made.statusCode, made.body).toBe(201)
    const { id, secret, secretHint } = made.json()
    const row = await sealedRow(id)
    expect(row.secret).toMatch(new RegExp(`^${open.secrets.currentPrefix}`))
    expect(row.secret).not.toContain(secret.slice(6, 20))
    expect(secretHint).toBe(secret.slice(0, 12))
    expect(row.secret_hint).toBe(secretHint)
    expect(open.secrets.open(row.secret, id)).toBe(secret)
    // Copied onto another webhook's row, it does not open.
    expect(() => open.secrets.open(row.secret, randomUUID())).toThrow()

    const rotated = await service.app.inject({
      method: 'POST',
      url: `/webhooks/${id}/secret`,
      headers: await service.bearer(userId),
    })
    const after = await sealedRow(id)
    expect(open.secrets.open(after.secret, id)).toBe(rotated.json().secret)
    expect(open.secrets.open(after.previous_secret as string, id)).toBe(secret)
    expect(after.secret_hint).toBe(rotated.json().secret.slice(0, 12))
  })

  it('are sealed again at start when stored as they are or under a key since replaced', async () => {
    const userId = newUser()
    const older = secretBox(`old-1:${Buffer.alloc(32, 7).toString('base64')}`)
    const plain = await webhookRow(userId, 'https://example.com/plain')
    const underOldKey = await webhookRow(userId, 'https://example.com/old')
    const secret = `whsec_${Buffer.alloc(32, 2).toString('base64')}`
    await service.db
      .updateTable('webhooks')
      .set({ secret: older.seal(secret, underOldKey) })
      .where('id', '=', underOldKey)
      .execute()
    const both = {
      ...open,
      secrets: secretBox(`${service.config.WEBHOOK_SECRET_KEYS},old-1:${Buffer.alloc(32, 7).toString('base64')}`),
    }
    expect(await sealStoredSecrets(both)).toBeGreaterThanOrEqual(2)
    for (const [id, expected] of [
      [plain, `whsec_${Buffer.alloc(32, 1).toString('base64')}`],
      [underOldKey, secret],
    ]) {
      const row = await sealedRow(id)
      expect(row.secret.startsWith(open.secrets.currentPrefix)).toBe(true)
      expect(open.secrets.open(row.secret, id)).toBe(expected)
    }
    // Nothing is left to seal; a pass without the old key would have left that row (and logged it).
    expect(await sealStoredSecrets(both)).toBe(0)
  })
})
