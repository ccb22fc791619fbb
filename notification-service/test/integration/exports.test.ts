import { type ExportCollection, exportRoute, idKey, wholeCollection } from '@focushub/shared/exports'
import { type App, createApp } from '@focushub/shared/http'
import { createObjectStorage, type ObjectStorage } from '@focushub/shared/storage'
import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportCollections } from '../../src/modules/export/export.collections.ts'
import { pruneExports } from '../../src/modules/exports/export-pruning.ts'
import { buildExport, buildExportTask, type ExportContext } from '../../src/modules/exports/exports.service.ts'
import { createExportSources } from '../../src/modules/exports/exports.sources.ts'
import {
  consumed,
  deliverEvents,
  expectProblem,
  newUser,
  standInGuard,
  startWithStandIn,
  type TestService,
} from './support.ts'

/** Users whose data the stand-in cannot read (it answers 500), to make a build fail. */
const broken = new Set<string>()

/** 5 items per user, ids in order; the formula-like title tests the CSV's guard. */
const itemsOf = (userId: string) =>
  [1, 2, 3, 4, 5].map((n) => ({
    id: `0190a1b2-0000-7000-8000-00000000000${n}`,
    title: n === 1 ? '=HYPERLINK("x")' : `Item ${n} of ${userId.slice(0, 8)}`,
    labels: n === 2 ? ['a', 'b'] : [],
    done: n % 2 === 0,
  }))

const standInCollections: ExportCollection[] = [
  wholeCollection('profile', async (userId) => [{ userId, name: 'Ada' }]),
  {
    name: 'items',
    ...idKey,
    read: async (userId, after: string | undefined, limit) => {
      if (broken.has(userId)) throw new Error('the stand-in is down for this user')
      return itemsOf(userId)
        .filter((item) => after === undefined || item.id > after)
        .slice(0, limit)
    },
  },
  wholeCollection('empty', async () => []),
]

/** Every other service's export route, stood in over real HTTP with the shared route. */
function servicesStandIn(): App {
  const standIn = createApp({ service: 'services-stand-in', logLevel: 'silent' })
  standIn.register(async (scope) => {
    scope.addHook('onRequest', standInGuard.onRequest)
    exportRoute(scope as unknown as App, standInCollections)
  })
  return standIn
}

let service: TestService
let standIn: App
let storage: ObjectStorage
let ctx: ExportContext

beforeAll(async () => {
  standIn = servicesStandIn()
  ;({ service } = await startWithStandIn(standIn, { EXPORT_PAGE_SIZE: '2', EXPORT_DAILY_LIMIT: '3' }))
  const url = service.config.TASK_SERVICE_URL
  Object.assign(service.config, { AUTH_SERVICE_URL: url, SOCIAL_SERVICE_URL: url })
  storage = createObjectStorage(service.config)
  await storage.ensureBucket()
  ctx = {
    ...service.ctx,
    storage,
    sources: createExportSources(service.config, exportCollections(service.ctx)),
  }
})
afterAll(async () => {
  await service.close()
  await standIn.close()
  storage.close()
})

const post = async (userId: string, url: string) =>
  service.app.inject({ method: 'POST', url, headers: await service.bearer(userId) })
const get = async (userId: string, url: string) =>
  service.app.inject({ method: 'GET', url, headers: await service.bearer(userId) })

async function requested(userId: string) {
  const answer = await post(userId, '/exports')
  expect(answer.statusCode).toBe(202)
  return answer.json<{ id: string; state: string }>()
}

const rowOf = (id: string) =>
  service.db.selectFrom('account_exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('an account export', () => {
  it('is built by its job from every service’s pages into a ZIP of JSON and CSV, then its owner is told', async () => {
    const userId = newUser()
    const created = await requested(userId)
    expect(created).toMatchObject({ state: 'pending', sizeBytes: null, contents: [], expiresAt: null })
    const jobs = await sql<{ key: string }>`
      select key from ${sql.id(service.config.JOB_QUEUE_SCHEMA, '_private_jobs')} where key = ${`${buildExportTask}:${created.id}`}`.execute(
      service.db,
    )
    expect(jobs.rows).toHaveLength(1)
    // One at a time.
    expectProblem(await post(userId, '/exports'), 409, 'export-in-progress')

    expect(await buildExport(ctx, created.id, false)).toBe('ready')
    const ready = (await get(userId, `/exports/${created.id}`)).json()
    expect(ready).toMatchObject({ state: 'ready', error: null })
    expect(ready.contents).toContainEqual({ path: 'tasks/items.json', items: 5 })
    expect(ready.contents).toContainEqual({ path: 'social/empty.json', items: 0 })
    expect(ready.contents).toContainEqual({ path: 'notifications/notifications.json', items: 0 })
    expect(new Date(ready.expiresAt).getTime() - Date.now()).toBeGreaterThan(71 * 3600_000)

    const row = await rowOf(created.id)
    expect(row.object_key).toBe(`exports/${userId}/${created.id}.zip`)
    const zip = unzipSync(await storage.read(row.object_key as string))
    expect(ready.sizeBytes).toBe((await storage.head(row.object_key as string))?.size)
    const manifest = JSON.parse(strFromU8(zip['manifest.json']))
    expect(manifest).toMatchObject({ format: 'focushub-export', version: 1, exportId: created.id, userId })
    for (const folder of ['account', 'tasks', 'focus', 'habits', 'social']) {
      expect(JSON.parse(strFromU8(zip[`${folder}/items.json`]))).toEqual(itemsOf(userId))
      expect(JSON.parse(strFromU8(zip[`${folder}/profile.json`]))).toEqual([{ userId, name: 'Ada' }])
    }
    const csv = strFromU8(zip['tasks/items.csv']).split('\r\n')
    expect(csv[0]).toBe('id,title,labels,done')
    // A formula is written as text; a list as JSON in its cell.
    expect(csv[1]).toBe(`0190a1b2-0000-7000-8000-000000000001,"'=HYPERLINK(""x"")",[],false`)
    expect(csv[2]).toContain(',"[""a"",""b""]",true')
    expect(strFromU8(zip['social/empty.csv'])).toBe('')

    const told = await service.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute()
    expect(told).toMatchObject([{ kind: 'export_ready', data: { exportId: created.id } }])

    const link = (await post(userId, `/exports/${created.id}/link`)).json()
    expect(link.url).toMatch(new RegExp(`^/storage/focushub-attachments/exports/${userId}/${created.id}\\.zip\\?`))
    expect(link.url).toContain('response-content-disposition=attachment')
    expect(new Date(link.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000)

    // The next export may be asked for now; the list shows both, newest first.
    const next = await requested(userId)
    expect((await get(userId, '/exports')).json().items.map((item: { id: string }) => item.id)).toEqual([
      next.id,
      created.id,
    ])
  })

  it('is its owner’s only: another user gets 404 for it, and no link; a pending one has no link (409)', async () => {
    const owner = newUser()
    const created = await requested(owner)
    expectProblem(await post(owner, `/exports/${created.id}/link`), 409, 'export-not-ready')
    const stranger = newUser()
    expectProblem(await get(stranger, `/exports/${created.id}`), 404, 'not-found')
    expectProblem(await post(stranger, `/exports/${created.id}/link`), 404, 'not-found')
    const removed = await service.app.inject({
      method: 'DELETE',
      url: `/exports/${created.id}`,
      headers: await service.bearer(stranger),
    })
    expectProblem(removed, 404, 'not-found')
    expect((await get(stranger, '/exports')).json().items).toEqual([])
  })

  it('allows EXPORT_DAILY_LIMIT a day (429 past it)', async () => {
    const userId = newUser()
    for (let n = 0; n < 3; n++) {
      const created = await requested(userId)
      await buildExport(ctx, created.id, false)
    }
    const refused = await post(userId, '/exports')
    expectProblem(refused, 429, 'too-many-requests')
    expect(refused.headers['retry-after']).toBe('3600')
  })

  it('is retried when a service fails, and marked failed after its last attempt', async () => {
    const userId = newUser()
    broken.add(userId)
    const created = await requested(userId)
    await expect(buildExport(ctx, created.id, false)).rejects.toThrow(/answered 500/)
    expect((await rowOf(created.id)).state).toBe('pending')
    expect(await buildExport(ctx, created.id, true)).toBe('failed')
    const failed = (await get(userId, `/exports/${created.id}`)).json()
    expect(failed).toMatchObject({ state: 'failed', error: 'It could not be built: try again later' })
    expectProblem(await post(userId, `/exports/${created.id}/link`), 409, 'export-not-ready')
    // A failed export is no longer in progress: another may be asked for.
    broken.delete(userId)
    await requested(userId)
  })

  it('deleted, or its owner erased, while being built: nothing stays in the storage', async () => {
    const userId = newUser()
    const created = await requested(userId)
    const removed = await service.app.inject({
      method: 'DELETE',
      url: `/exports/${created.id}`,
      headers: await service.bearer(userId),
    })
    expect(removed.statusCode).toBe(204)
    expect(await buildExport(ctx, created.id, false)).toBe('skipped')
    expect(await storage.head(`exports/${userId}/${created.id}.zip`)).toBeNull()

    const erased = newUser()
    const building = await requested(erased)
    const ready = await requested(newUser())
    await buildExport(ctx, ready.id, false)
    await deliverEvents(service, [consumed('auth.user.deleted', erased, {})])
    expect(await rowOf(building.id)).toMatchObject({ state: 'failed', error: 'The account was deleted' })
    expect(await buildExport(ctx, building.id, false)).toBe('skipped')
    expect(await storage.head(`exports/${erased}/${building.id}.zip`)).toBeNull()
  })

  it('is deleted with its file once expired', async () => {
    const userId = newUser()
    const created = await requested(userId)
    await buildExport(ctx, created.id, false)
    const key = (await rowOf(created.id)).object_key as string
    expect(await storage.head(key)).not.toBeNull()
    // Not yet: the file is kept until it expires.
    await pruneExports(ctx)
    expect(await storage.head(key)).not.toBeNull()
    await service.db
      .updateTable('account_exports')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', created.id)
      .execute()
    expectProblem(await get(userId, `/exports/${created.id}`), 404, 'not-found')
    while ((await pruneExports(ctx)) > 0);
    expect(await storage.head(key)).toBeNull()
    expect(await service.db.selectFrom('account_exports').select('id').where('id', '=', created.id).execute()).toEqual(
      [],
    )
  })
})
