import { readExportPage } from '@focushub/shared/exports'
import { readWholeExport } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCollections } from '../../src/modules/export/export.collections.ts'
import { deliverEvents, invitation, newUser, startNotificationService, type TestService } from './support.ts'

let service: TestService
const userId = newUser()
const otherId = newUser()

/** A page of the user's export as the export job reads it, answered as a route would (`query`: `?limit=…&after=…`). */
const exportOf = (id: string) => async (query: string) => {
  const params = new URLSearchParams(query)
  const page = await readExportPage(exportCollections(service.ctx), id, {
    limit: Number(params.get('limit')),
    after: params.get('after') ?? undefined,
  })
  return { statusCode: 200, body: JSON.stringify(page) }
}

async function call(id: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const response = await service.app.inject({ method, url, headers: await service.bearer(id), payload })
  expect(response.statusCode, response.body).toBeLessThan(300)
  return response.json()
}

const createWebhook = (id: string, description: string) =>
  call(id, 'POST', '/webhooks', {
    url: `https://hooks.example.com/${description}`,
    eventTypes: ['task.created'],
    description,
  })

beforeAll(async () => {
  service = await startNotificationService({ JOB_WORKER_ENABLED: 'false' })
  await deliverEvents(service, [
    invitation(userId, 'Launch'),
    invitation(userId, 'Garden'),
    invitation(userId, 'Books'),
    invitation(otherId, 'Not yours'),
  ])
  const [first] = (await call(userId, 'GET', '/notifications')).items
  await call(userId, 'POST', `/notifications/${first.id}/read`)
  await call(userId, 'PUT', '/notification-settings', {
    muted: false,
    quietHours: { start: '22:00', end: '07:00' },
    kinds: { new_follower: { inApp: false, email: false } },
  })
  await createWebhook(userId, 'first')
  await createWebhook(userId, 'second')
  await createWebhook(otherId, 'theirs')
})
afterAll(() => service.close())

describe('notification-service export collections', () => {
  it("pages through the user's notifications, settings and webhooks as the public routes show them", async () => {
    const { collections, pages } = await readWholeExport(exportOf(userId), 2)
    expect(Object.keys(collections)).toEqual(['notifications', 'preferences', 'webhooks'])
    expect(pages).toBe(5)

    const listed = (await call(userId, 'GET', '/notifications')).items.reverse()
    expect(collections.notifications).toEqual(listed)
    expect(collections.notifications.map((notification) => notification.readAt === null)).toEqual([true, true, false])
    expect(collections.notifications[0]).toEqual({
      id: expect.any(String),
      kind: 'project_invitation',
      title: expect.stringContaining('Launch'),
      body: expect.any(String),
      data: expect.objectContaining({ projectId: expect.any(String) }),
      createdAt: expect.any(String),
      readAt: null,
    })

    expect(collections.preferences).toEqual([await call(userId, 'GET', '/notification-settings')])
    expect(collections.preferences[0]).toMatchObject({
      quietHours: { start: '22:00', end: '07:00' },
      kinds: expect.objectContaining({ new_follower: { inApp: false, email: false } }),
    })

    const webhooks = (await call(userId, 'GET', '/webhooks')).items.reverse()
    expect(collections.webhooks).toEqual(
      webhooks.map(({ secretHint: _, ...webhook }: Record<string, unknown>) => webhook),
    )
    expect(collections.webhooks[0]).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example.com/first',
      description: 'first',
      eventTypes: ['task.created'],
      projectId: null,
      enabled: true,
      disabledReason: null,
      previousSecretExpiresAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    const secrets = await service.db.selectFrom('webhooks').select('secret').where('user_id', '=', userId).execute()
    for (const { secret } of secrets) expect(JSON.stringify(collections)).not.toContain(secret.slice(6, 12))
  })

  it("leaves out another user's data, and answers a user without any their defaults", async () => {
    const { collections } = await readWholeExport(exportOf(userId), 2)
    const text = JSON.stringify(collections)
    expect(text).not.toContain('Not yours')
    expect(text).not.toContain('theirs')
    const stranger = await readWholeExport(exportOf(newUser()), 2)
    expect(stranger.collections).toEqual({
      notifications: [],
      preferences: [await call(newUser(), 'GET', '/notification-settings')],
      webhooks: [],
    })
  })

  it('refuses a cursor it did not make (400)', async () => {
    await expect(exportOf(userId)('?limit=2&after=bm90LWEtY3Vyc29y')).rejects.toMatchObject({
      status: 400,
      code: 'validation-failed',
    })
  })
})
