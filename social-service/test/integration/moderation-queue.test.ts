import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eraseModeration } from '../../src/modules/moderation/moderation-erasure.ts'
import { newPost } from './feed-support.ts'
import { caseOf, newModerator, report, resolve } from './moderation-support.ts'
import { newPerson, type Person, send, startSocialService, type TestService } from './support.ts'

/** Its own service: the queue holds this suite's cases only. */
let service: TestService
let moderator: Person

beforeAll(async () => {
  service = await startSocialService()
  moderator = await newModerator(service)
})
afterAll(() => service.close())

/** Every page of a list of cases, `limit` at a time: their ids in order. */
async function allPages(status: 'open' | 'closed', limit: number) {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const url: string = `/social/moderation/cases?status=${status}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
    const response = await send(service, moderator, 'GET', url)
    expect(response.statusCode, response.body).toBe(200)
    ids.push(...response.json().items.map((item: { id: string }) => item.id))
    cursor = response.json().nextCursor
  } while (cursor)
  return ids
}

describe('the queue', () => {
  it('serves open cases oldest opened first and closed ones newest resolved first, in pages', async () => {
    const author = await newPerson(service)
    const reporter = await newPerson(service)
    const cases: string[] = []
    for (let i = 0; i < 5; i++) {
      const postId = await newPost(service, author, { visibility: 'public' })
      await report(service, reporter, 'post', postId)
      cases.push(await caseOf(service, 'post', postId))
    }
    // Opened in one millisecond too: the id breaks the tie.
    await service.db
      .updateTable('social_moderation_cases')
      .set({ opened_at: sql`date_trunc('second', opened_at)` })
      .execute()
    await report(
      service,
      await newPerson(service),
      'post',
      (
        await service.db
          .selectFrom('social_moderation_cases')
          .select('target_id')
          .where('id', '=', cases[0])
          .executeTakeFirstOrThrow()
      ).target_id,
    )
    const sorted = await service.db
      .selectFrom('social_moderation_cases')
      .select('id')
      .orderBy('opened_at')
      .orderBy('id')
      .execute()
    expect(await allPages('open', 2)).toEqual(sorted.map((row) => row.id))

    for (const caseId of [cases[3], cases[1], cases[4]])
      expect((await resolve(service, moderator, caseId, { decision: 'dismiss' })).statusCode).toBe(200)
    expect(await allPages('closed', 2)).toEqual([cases[4], cases[1], cases[3]])
    expect(await allPages('open', 1)).toEqual(
      sorted.map((row) => row.id).filter((id) => [cases[0], cases[2]].includes(id)),
    )
  })
})

describe('account deletion', () => {
  it('erases the user’s reports and the snapshots about them, closes their open cases; the log keeps ids', async () => {
    const gone = await newPerson(service)
    const [ada, bob] = [await newPerson(service), await newPerson(service)]
    const theirPost = await newPost(service, gone, { body: 'About to vanish', visibility: 'public' })
    await report(service, ada, 'post', theirPost)
    const aboutThem = await caseOf(service, 'post', theirPost)
    const shared = await newPost(service, bob, { visibility: 'public' })
    await report(service, gone, 'post', shared, 'hate')
    await report(service, ada, 'post', shared, 'spam')
    const onlyTheirs = await newPost(service, bob, { visibility: 'public' })
    await report(service, gone, 'post', onlyTheirs)
    const resolved = await newPost(service, gone, { visibility: 'public' })
    await report(service, bob, 'post', resolved)
    const resolvedCase = await caseOf(service, 'post', resolved)
    await resolve(service, moderator, resolvedCase, {
      decision: 'act',
      hide: true,
      warn: true,
      suspendDays: 3,
      reason: 'No',
    })

    await service.db.transaction().execute((trx) => eraseModeration(trx, gone.id))

    expect(
      await service.db.selectFrom('social_reports').where('reporter_id', '=', gone.id).selectAll().execute(),
    ).toEqual([])
    const cases = await service.db
      .selectFrom('social_moderation_cases')
      .select(['id', 'target_id', 'status', 'snapshot_text', 'report_count', 'reasons', 'resolved_by'])
      .where('target_id', 'in', [theirPost, shared, onlyTheirs, resolved])
      .execute()
    const byTarget = Object.fromEntries(cases.map((row) => [row.target_id, row]))
    expect(byTarget[theirPost]).toMatchObject({ status: 'dismissed', snapshot_text: null, resolved_by: null })
    expect(byTarget[shared]).toMatchObject({ status: 'open', report_count: 1, reasons: { spam: 1 } })
    expect(byTarget[onlyTheirs]).toBeUndefined()
    expect(byTarget[resolved]).toMatchObject({ status: 'actioned', snapshot_text: null })
    const adaReports = (await send(service, ada, 'GET', '/social/reports')).json().items
    expect(adaReports.find((item: { target: { id: string } }) => item.target.id === theirPost).status).toBe('dismissed')
    const detail = (await send(service, moderator, 'GET', `/social/moderation/cases/${aboutThem}`)).json()
    expect(detail).toMatchObject({ snapshot: null, resolution: null, status: 'dismissed' })
    expect(
      await service.db.selectFrom('social_suspensions').where('user_id', '=', gone.id).selectAll().execute(),
    ).toEqual([])
    const log = await service.db
      .selectFrom('social_moderation_log')
      .select('action')
      .where('subject_id', '=', gone.id)
      .orderBy('id')
      .execute()
    expect(log.map((row) => row.action)).toEqual(['hide', 'warn', 'suspend'])
  })
})
