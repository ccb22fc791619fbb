import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPost } from './feed-support.ts'
import { blockBetween, direct, post } from './messages-support.ts'
import { caseOf, report, reportOf } from './moderation-support.ts'
import {
  expectProblem,
  newPerson,
  type Person,
  problemOf,
  send,
  startSocialService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService({ REPORTS_PER_DAY: '3' })
})
afterAll(() => service.close())

async function commentOn(person: Person, postId: string) {
  const response = await send(service, person, 'POST', `/social/posts/${postId}/comments`, { body: { body: 'Mean' } })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

const missingId = '0190a4c2-7e2a-7000-8000-000000000000'

describe('reporting', () => {
  it('reports a post, comment, message and user one may see: 201, an open case each with a snapshot', async () => {
    const author = await newPerson(service, 'Author Of Things')
    const reader = await newPerson(service)
    const postId = await newPost(service, author, { body: 'Buy cheap pills', visibility: 'public' })
    const commentId = await commentOn(author, postId)
    const conversationId = await direct(service, reader, author)
    const messageId = await post(service, author, conversationId, 'Spam in your inbox')
    const targets = [
      ['post', postId, 'Buy cheap pills'],
      ['comment', commentId, 'Mean'],
      ['message', messageId, 'Spam in your inbox'],
      ['user', author.id, null],
    ] as const
    for (const [type, id, text] of targets) {
      // Four reports: the user is reported by someone else (this suite's REPORTS_PER_DAY is 3).
      const reporter = type === 'user' ? await newPerson(service) : reader
      const response = await reportOf(service, reporter, type, id, 'harassment', ' Keeps doing it ')
      expect(response.statusCode, response.body).toBe(201)
      expect(response.json()).toMatchObject({
        target: { type, id },
        reason: 'harassment',
        details: 'Keeps doing it',
        status: 'open',
        resolvedAt: null,
      })
      const found = await service.db
        .selectFrom('social_moderation_cases')
        .selectAll()
        .where('id', '=', await caseOf(service, type, id))
        .executeTakeFirstOrThrow()
      expect(found).toMatchObject({ subject_id: author.id, snapshot_text: text, report_count: 1, status: 'open' })
    }
  })

  it('answers 404 for what the reporter may not see, the same document as for nothing', async () => {
    const author = await newPerson(service)
    const stranger = await newPerson(service)
    const blocked = await newPerson(service)
    await blockBetween(service, author, blocked)
    const privatePost = await newPost(service, author, { visibility: 'private' })
    const publicPost = await newPost(service, author, { visibility: 'public' })
    const commentId = await commentOn(author, privatePost)
    const conversationId = await direct(service, author, await newPerson(service))
    const messageId = await post(service, author, conversationId, 'Between us')
    const cases = [
      [stranger, 'post', privatePost],
      [stranger, 'comment', commentId],
      [stranger, 'message', messageId],
      [blocked, 'post', publicPost],
      [blocked, 'user', author.id],
      [author, 'user', blocked.id],
    ] as const
    for (const [reporter, type, id] of cases) {
      const refused = await reportOf(service, reporter, type, id)
      expectProblem(refused, 404, 'not-found')
      expect(problemOf(refused)).toEqual(problemOf(await reportOf(service, reporter, type, missingId)))
    }
  })

  it('refuses reporting oneself or one’s own content with 422 report-self', async () => {
    const ann = await newPerson(service)
    const postId = await newPost(service, ann)
    const conversationId = await direct(service, ann, await newPerson(service))
    for (const [type, id] of [
      ['user', ann.id],
      ['post', postId],
      ['comment', await commentOn(ann, postId)],
      ['message', await post(service, ann, conversationId, 'mine')],
    ] as const)
      expectProblem(await reportOf(service, ann, type, id), 422, 'report-self')
  })

  it('answers a repeated report with the open one (200), and a second reporter joins the same case', async () => {
    const author = await newPerson(service)
    const [ada, bob] = [await newPerson(service), await newPerson(service)]
    const publicPost = await newPost(service, author, { visibility: 'public' })
    const first = await report(service, ada, 'post', publicPost)
    const again = await reportOf(service, ada, 'post', publicPost, 'hate')
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toEqual(first)
    await report(service, bob, 'post', publicPost, 'hate')
    const cases = await service.db
      .selectFrom('social_moderation_cases')
      .select(['report_count', 'reasons'])
      .where('target_id', '=', publicPost)
      .execute()
    expect(cases).toEqual([{ report_count: 2, reasons: { spam: 1, hate: 1 } }])
  })

  it('opens one case when two first reports of a target arrive at once', async () => {
    const author = await newPerson(service)
    const postId = await newPost(service, author, { visibility: 'public' })
    const reporters = [await newPerson(service), await newPerson(service), await newPerson(service)]
    const answers = await Promise.all(reporters.map((reporter) => reportOf(service, reporter, 'post', postId)))
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201])
    const cases = await service.db
      .selectFrom('social_moderation_cases')
      .select('report_count')
      .where('target_id', '=', postId)
      .execute()
    expect(cases).toEqual([{ report_count: 3 }])
  })

  it('refuses bad bodies with 400', async () => {
    const ann = await newPerson(service)
    for (const body of [
      {},
      { target: { type: 'post', id: missingId } },
      { target: { type: 'room', id: missingId }, reason: 'spam' },
      { target: { type: 'post', id: 'nope' }, reason: 'spam' },
      { target: { type: 'post', id: missingId }, reason: 'rude' },
      { target: { type: 'post', id: missingId }, reason: 'spam', details: 'x'.repeat(1001) },
      { target: { type: 'post', id: missingId }, reason: 'spam', extra: 1 },
    ])
      expectProblem(await send(service, ann, 'POST', '/social/reports', { body }), 400, 'validation-failed')
  })

  it('takes at most REPORTS_PER_DAY a day (429 with Retry-After); a repeat spends nothing; a day frees them', async () => {
    const author = await newPerson(service)
    const reporter = await newPerson(service)
    const posts = []
    for (let i = 0; i < 4; i++) posts.push(await newPost(service, author, { visibility: 'public' }))
    for (const id of posts.slice(0, 3)) await report(service, reporter, 'post', id)
    expect((await reportOf(service, reporter, 'post', posts[0])).statusCode).toBe(200)
    const refused = await reportOf(service, reporter, 'post', posts[3])
    expectProblem(refused, 429, 'report-rate-limited')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(86_000)
    expect(refused.headers['ratelimit-limit']).toBe('3')
    await service.db
      .updateTable('social_reports')
      .set({ created_at: sql`created_at - interval '1 day'` })
      .where('reporter_id', '=', reporter.id)
      .execute()
    await report(service, reporter, 'post', posts[3])
  })

  it('lists my reports newest first, in pages, and nobody else’s', async () => {
    const author = await newPerson(service)
    const reporter = await newPerson(service)
    const other = await newPerson(service)
    const ids = []
    for (const reason of ['spam', 'hate', 'other']) {
      const target = await newPost(service, author, { visibility: 'public' })
      ids.push((await report(service, reporter, 'post', target, reason)).id)
      await report(service, other, 'post', target, reason)
    }
    const first = await send(service, reporter, 'GET', '/social/reports?limit=2')
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]])
    const second = await send(service, reporter, 'GET', `/social/reports?limit=2&cursor=${first.json().nextCursor}`)
    expect(second.json()).toMatchObject({ items: [{ id: ids[0], reason: 'spam' }], nextCursor: null })
  })
})
