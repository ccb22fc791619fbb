import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook as Verifier } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type SignedUp, send, sharedProject, signUp } from './client.ts'

/**
 * Issue #30, webhooks, through NGINX against the local stack, whose notification-service lets webhooks
 * reach loopback (WEBHOOK_ALLOW_PRIVATE_TARGETS=true in .env.example): a receiver here, on 127.0.0.1,
 * gets each delivery signed per Standard Webhooks, retried with the same id after a failure, replayed on
 * request, and signed with both secrets after a rotation.
 */

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** A receiver on loopback: what it got per path, and the statuses it answers with per path (204 once they run out). */
function receiver() {
  const received: Received[] = []
  const answers = new Map<string, number[]>()
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const path = request.url ?? '/'
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.statusCode = answers.get(path)?.shift() ?? 204
      response.end()
    })
  })
  return {
    received,
    answers,
    at: (path: string) => received.filter((request) => request.path === path),
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise((resolve) => server.close(resolve)),
  }
}

const hooks = receiver()
beforeAll(() => hooks.start())
afterAll(() => hooks.stop())

const headersOf = (request: Received) => ({
  'webhook-id': String(request.headers['webhook-id']),
  'webhook-timestamp': String(request.headers['webhook-timestamp']),
  'webhook-signature': String(request.headers['webhook-signature']),
})

/** The delivery's payload, once its signature is checked with `secret`. */
const verified = (request: Received, secret: string) =>
  new Verifier(secret).verify(request.body, headersOf(request)) as {
    type: string
    eventId: string
    data: Record<string, unknown>
  }

async function createWebhook(user: SignedUp, body: Record<string, unknown>) {
  const created = await send('POST', '/webhooks', { authorization: user.authorization, body })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return created.body as { id: string; secret: string; secretHint: string }
}

const arrived = (path: string, count: number, ms = 20_000) =>
  eventually(
    async () => hooks.at(path),
    (requests) => requests.length >= count,
    ms,
  )

describe('webhooks', () => {
  it('sends my task events signed, only the types subscribed, and logs each delivery', async () => {
    const user = await signUp()
    const path = `/tasks-${user.userId}`
    const webhook = await createWebhook(user, {
      url: hooks.url(path),
      eventTypes: ['task.created', 'task.completed'],
      description: 'my tasks',
    })
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/)
    expect(webhook.secret.startsWith(webhook.secretHint)).toBe(true)
    const listed = await send('GET', '/webhooks', { authorization: user.authorization })
    expect(listed.body.items).toHaveLength(1)
    expect(listed.body.items[0]).toMatchObject({
      id: webhook.id,
      enabled: true,
      eventTypes: ['task.created', 'task.completed'],
    })
    expect(JSON.stringify(listed.body)).not.toContain(webhook.secret)

    const task = await send('POST', '/tasks', { authorization: user.authorization, body: { title: 'sent out' } })
    expect(task.status).toBe(201)
    await send('PATCH', `/tasks/${task.body.id}`, {
      authorization: user.authorization,
      headers: { 'if-match': String(task.body.version) },
      body: { title: 'renamed (not subscribed)' },
    })
    const done = await send('POST', `/tasks/${task.body.id}/complete`, { authorization: user.authorization })
    expect(done.status, JSON.stringify(done.body)).toBe(200)

    const [created, completed] = await arrived(path, 2)
    const first = verified(created, webhook.secret)
    expect(first).toMatchObject({ type: 'task.created', data: { taskId: task.body.id } })
    expect(first.data).not.toHaveProperty('audience')
    expect(verified(completed, webhook.secret).type).toBe('task.completed')
    expect(created.headers['content-type']).toBe('application/json')
    expect(created.headers['webhook-id']).not.toBe(completed.headers['webhook-id'])
    // A forged body fails the check.
    expect(() =>
      new Verifier(webhook.secret).verify(created.body.replace('task.created', 'task.deleted'), headersOf(created)),
    ).toThrow()

    const log = await eventually(
      () => send('GET', `/webhooks/${webhook.id}/deliveries`, { authorization: user.authorization }),
      (answer) => answer.body.items?.every((item: { state: string }) => item.state === 'delivered'),
    )
    expect(log.body.items.map((item: { eventType: string }) => item.eventType)).toEqual([
      'task.completed',
      'task.created',
    ])
    expect(log.body.items[1]).toMatchObject({ id: created.headers['webhook-id'], attempts: 1, lastStatus: 204 })
    expect(log.body.items[1].lastDurationMs).toBeGreaterThanOrEqual(0)
    // Only these two: the rename was not subscribed to.
    expect(hooks.at(path)).toHaveLength(2)
  })

  it('retries a failed delivery with the same id, then replays it on request', async () => {
    const user = await signUp()
    const path = `/flaky-${user.userId}`
    hooks.answers.set(path, [500])
    const webhook = await createWebhook(user, { url: hooks.url(path), eventTypes: ['task.created'] })
    await send('POST', '/tasks', { authorization: user.authorization, body: { title: 'retried' } })

    // The first attempt answered 500; the retry comes about 10 s later (WEBHOOK_FIRST_RETRY_SECONDS).
    const [failed, retried] = await arrived(path, 2, 40_000)
    expect(retried.headers['webhook-id']).toBe(failed.headers['webhook-id'])
    expect(verified(retried, webhook.secret).type).toBe('task.created')
    const id = String(failed.headers['webhook-id'])
    const detail = await eventually(
      () => send('GET', `/webhooks/${webhook.id}/deliveries/${id}`, { authorization: user.authorization }),
      (answer) => answer.body.state === 'delivered',
    )
    expect(detail.body.attemptLog.map((attempt: { status: number }) => attempt.status)).toEqual([500, 204])
    expect(detail.body.attemptLog[0].error).toBe('answered 500')
    expect(detail.body.payload).toMatchObject({ type: 'task.created' })

    const replayed = await send('POST', `/webhooks/${webhook.id}/deliveries/${id}/replay`, {
      authorization: user.authorization,
    })
    expect(replayed.status, JSON.stringify(replayed.body)).toBe(202)
    expect(replayed.body).toMatchObject({ id, state: 'pending' })
    const [, , again] = await arrived(path, 3)
    expect(again.headers['webhook-id']).toBe(id)
    await eventually(
      () => send('GET', `/webhooks/${webhook.id}/deliveries/${id}`, { authorization: user.authorization }),
      (answer) => answer.body.state === 'delivered' && answer.body.attempts === 3,
    )
  }, 60_000)

  it('signs with the old and the new secret for a day after a rotation, and pings on request', async () => {
    const user = await signUp()
    const path = `/rotated-${user.userId}`
    const webhook = await createWebhook(user, { url: hooks.url(path), eventTypes: ['habit.checked_in'] })
    const rotated = await send('POST', `/webhooks/${webhook.id}/secret`, { authorization: user.authorization })
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(webhook.secret)
    const expires = Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()
    expect(expires).toBeGreaterThan(23 * 3600_000)
    expect(expires).toBeLessThanOrEqual(24 * 3600_000)

    const ping = await send('POST', `/webhooks/${webhook.id}/ping`, { authorization: user.authorization })
    expect(ping.status, JSON.stringify(ping.body)).toBe(202)
    expect(ping.body).toMatchObject({ eventType: 'webhook.ping', state: 'pending' })
    const [pinged] = await arrived(path, 1)
    expect(String(pinged.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verified(pinged, rotated.body.secret)).toMatchObject({
      type: 'webhook.ping',
      data: { webhookId: webhook.id },
    })
    expect(verified(pinged, webhook.secret).type).toBe('webhook.ping')
  })

  it("sends a project's events to its owner's project webhook, and no one else may add one", async () => {
    const owner = await signUp()
    const editor = await signUp()
    const project = await sharedProject(owner, editor)
    const path = `/project-${project.id}`
    const body = { url: hooks.url(path), eventTypes: ['task.created'], projectId: project.id }
    const refused = await send('POST', '/webhooks', { authorization: editor.authorization, body })
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('forbidden')
    const stranger = await signUp()
    expect((await send('POST', '/webhooks', { authorization: stranger.authorization, body })).status).toBe(404)
    const notProjectType = await send('POST', '/webhooks', {
      authorization: owner.authorization,
      body: { ...body, eventTypes: ['focus.session.completed'] },
    })
    expect(notProjectType.status).toBe(400)
    expect(notProjectType.body.errors[0].field).toBe('eventTypes')

    const webhook = await createWebhook(owner, body)
    // The editor's task in the project goes to it; the owner's task in their Inbox does not.
    const inProject = await send('POST', '/tasks', {
      authorization: editor.authorization,
      body: { title: 'in the project', projectId: project.id },
    })
    expect(inProject.status, JSON.stringify(inProject.body)).toBe(201)
    await send('POST', '/tasks', { authorization: owner.authorization, body: { title: 'in my inbox' } })
    const [delivered] = await arrived(path, 1)
    expect(verified(delivered, webhook.secret).data).toMatchObject({ taskId: inProject.body.id, projectId: project.id })
    const log = await eventually(
      () => send('GET', `/webhooks/${webhook.id}/deliveries`, { authorization: owner.authorization }),
      (answer) => answer.body.items?.[0]?.state === 'delivered',
    )
    expect(log.body.items).toHaveLength(1)
  })

  it('keeps webhooks to their owner and to a sign-in, and refuses what it cannot send', async () => {
    const user = await signUp()
    const other = await signUp()
    const webhook = await createWebhook(user, { url: hooks.url('/private'), eventTypes: ['task.created'] })
    for (const [method, path] of [
      ['GET', `/webhooks/${webhook.id}`],
      ['PATCH', `/webhooks/${webhook.id}`],
      ['DELETE', `/webhooks/${webhook.id}`],
      ['POST', `/webhooks/${webhook.id}/secret`],
      ['GET', `/webhooks/${webhook.id}/deliveries`],
    ] as const) {
      const answer = await send(method, path, {
        authorization: other.authorization,
        ...(method === 'PATCH' && { body: { enabled: false } }),
      })
      expect(answer.status, `${method} ${path}`).toBe(404)
    }
    // A personal access token, whatever its scopes, manages no webhook.
    const token = await send('POST', '/auth/tokens', {
      authorization: user.authorization,
      body: {
        name: 'all',
        scopes: ['tasks:write', 'focus:write', 'habits:write', 'notifications:write'],
        expiresInDays: 1,
      },
    })
    const scoped = await send('GET', '/webhooks', { authorization: `Bearer ${token.body.token}` })
    expect(scoped.status).toBe(403)
    expect(scoped.body.code).toBe('insufficient-scope')

    for (const body of [
      { url: 'ftp://example.com/hook', eventTypes: ['task.created'] },
      { url: 'https://example.com/hook', eventTypes: [] },
      { url: 'https://example.com/hook', eventTypes: ['auth.user.deleted'] },
      { url: 'https://example.com/hook', eventTypes: ['task.created', 'task.created'] },
      { url: 'https://example.com/hook', eventTypes: ['task.created'], secret: 'mine' },
    ]) {
      const answer = await send('POST', '/webhooks', { authorization: user.authorization, body })
      expect(answer.status, JSON.stringify(body)).toBe(400)
      expect(answer.body.code).toBe('validation-failed')
    }

    // Turned off, it is not pinged; deleted, it is gone.
    const off = await send('PATCH', `/webhooks/${webhook.id}`, {
      authorization: user.authorization,
      body: { enabled: false },
    })
    expect(off.body).toMatchObject({ enabled: false, disabledReason: null })
    const ping = await send('POST', `/webhooks/${webhook.id}/ping`, { authorization: user.authorization })
    expect(ping.status).toBe(409)
    expect(ping.body.code).toBe('webhook-disabled')
    expect((await send('DELETE', `/webhooks/${webhook.id}`, { authorization: user.authorization })).status).toBe(204)
    expect((await send('GET', `/webhooks/${webhook.id}`, { authorization: user.authorization })).status).toBe(404)
  })
})
