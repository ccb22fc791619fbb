import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { idsAt, newPost } from './feed-support.ts'
import { direct, group, post } from './messages-support.ts'
import { act, caseOf, newModerator, report, resolve } from './moderation-support.ts'
import {
  expectProblem,
  newPerson,
  outboxEvents,
  type Person,
  send,
  startSocialService,
  type TestService,
} from './support.ts'

let service: TestService
let moderator: Person

beforeAll(async () => {
  service = await startSocialService()
  moderator = await newModerator(service, 'Mo Derator')
})
afterAll(() => service.close())

const logOf = async (subject: Person) => {
  const response = await send(service, moderator, 'GET', `/social/moderation/log?subjectId=${subject.id}`)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items as { action: string; caseId: string | null; reason: string | null }[]
}

/** A public post by `author` reported by `reporters`; answers the post's and its case's ids. */
async function reportedPost(author: Person, ...reporters: Person[]) {
  const body = 'Something rude, said at length'
  const postId = await newPost(service, author, { body, visibility: 'public', tags: ['rude'] })
  for (const reporter of reporters) await report(service, reporter, 'post', postId)
  return { postId, caseId: await caseOf(service, 'post', postId) }
}

describe('moderator routes', () => {
  it('answer 403 to a plain user on every route; a moderator and an admin are let in', async () => {
    const user = await newPerson(service)
    const { caseId } = await reportedPost(await newPerson(service), await newPerson(service))
    const routes = [
      ['GET', '/social/moderation/cases', undefined],
      ['GET', `/social/moderation/cases/${caseId}`, undefined],
      ['POST', `/social/moderation/cases/${caseId}/resolve`, { decision: 'dismiss' }],
      ['POST', `/social/moderation/users/${user.id}/lift-suspension`, { reason: 'Served' }],
      ['GET', '/social/moderation/log', undefined],
    ] as const
    for (const [method, url, body] of routes)
      expectProblem(await send(service, user, method, url, body ? { body } : {}), 403, 'forbidden')
    const admin = await newModerator(service, 'Ad Min', 'admin')
    for (const person of [moderator, admin])
      expect((await send(service, person, 'GET', `/social/moderation/cases/${caseId}`)).statusCode).toBe(200)
  })

  it('show a case with its subject, snapshot (kept through an edit), reasons and reports oldest first', async () => {
    const author = await newPerson(service, 'Rude Author')
    const [ada, bob] = [await newPerson(service, 'Ada Reporter'), await newPerson(service, 'Bob Reporter')]
    const { postId, caseId } = await reportedPost(author, ada)
    await report(service, bob, 'post', postId, 'hate')
    await send(service, author, 'PATCH', `/social/posts/${postId}`, { body: { body: 'Nothing to see' } })
    const response = await send(service, moderator, 'GET', `/social/moderation/cases/${caseId}`)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      id: caseId,
      target: { type: 'post', id: postId },
      subject: { userId: author.id, displayName: 'Rude Author', handle: null },
      snapshot: { text: 'Something rude, said at length' },
      reportCount: 2,
      status: 'open',
      resolution: null,
      reports: [
        { reporter: { userId: ada.id, displayName: 'Ada Reporter' }, reason: 'spam', details: null },
        { reporter: { userId: bob.id, displayName: 'Bob Reporter' }, reason: 'hate' },
      ],
    })
    expect(response.json().reasons).toEqual(
      expect.arrayContaining([
        { reason: 'spam', count: 1 },
        { reason: 'hate', count: 1 },
      ]),
    )
    expectProblem(
      await send(service, moderator, 'GET', '/social/moderation/cases/0190a4c2-7e2a-7000-8000-000000000000'),
      404,
      'not-found',
    )
  })
})

describe('resolving', () => {
  it('dismisses: the case and its reports closed, one log row, each reporter told the outcome only', async () => {
    const author = await newPerson(service)
    const [ada, bob] = [await newPerson(service), await newPerson(service)]
    const { postId, caseId } = await reportedPost(author, ada, bob)
    const response = await resolve(service, moderator, caseId, { decision: 'dismiss', note: 'Fine' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      status: 'dismissed',
      resolution: {
        decision: 'dismiss',
        hide: false,
        warn: false,
        suspendedUntil: null,
        reason: 'Fine',
        by: { userId: moderator.id, displayName: 'Mo Derator' },
      },
    })
    expect((await send(service, ada, 'GET', '/social/reports')).json().items[0]).toMatchObject({ status: 'dismissed' })
    expect(await logOf(author)).toMatchObject([{ action: 'dismiss', caseId, reason: 'Fine' }])
    for (const reporter of [ada, bob]) {
      const [event] = await outboxEvents(service.db, { type: 'social.report.resolved', userId: reporter.id })
      expect(event).toMatchObject({ userId: reporter.id, data: { outcome: 'dismissed', audience: [reporter.id] } })
      expect(Object.keys(event.data).sort()).toEqual(['audience', 'outcome', 'reportId'])
    }
    expect((await send(service, ada, 'GET', `/social/posts/${postId}`)).statusCode).toBe(200)
    expectProblem(await resolve(service, moderator, caseId, act({ warn: true })), 409, 'case-closed')
    expectProblem(await resolve(service, moderator, caseId, { decision: 'dismiss' }), 409, 'case-closed')
  })

  it('lets one of two moderators resolving at once decide; the other gets 409 case-closed', async () => {
    const other = await newModerator(service)
    const { caseId } = await reportedPost(await newPerson(service), await newPerson(service))
    const answers = await Promise.all([
      resolve(service, moderator, caseId, act({ warn: true })),
      resolve(service, other, caseId, { decision: 'dismiss' }),
    ])
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409])
    expectProblem(answers.find((answer) => answer.statusCode === 409) as (typeof answers)[0], 409, 'case-closed')
    const rows = await service.db
      .selectFrom('social_moderation_log')
      .select('id')
      .where('case_id', '=', caseId)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('refuses acting on nothing (422 no-action), hiding a user (422 nothing-to-hide), one’s own case (403)', async () => {
    const author = await newPerson(service)
    const { caseId } = await reportedPost(author, await newPerson(service))
    expectProblem(await resolve(service, moderator, caseId, act({})), 422, 'no-action')
    await report(service, await newPerson(service), 'user', author.id)
    const userCase = await caseOf(service, 'user', author.id)
    expectProblem(await resolve(service, moderator, userCase, act({ hide: true })), 422, 'nothing-to-hide')
    await report(service, await newPerson(service), 'user', moderator.id)
    const own = await caseOf(service, 'user', moderator.id)
    expectProblem(await resolve(service, moderator, own, { decision: 'dismiss' }), 403, 'moderate-self')
    expectProblem(
      await send(service, moderator, 'POST', `/social/moderation/users/${moderator.id}/lift-suspension`, {
        body: { reason: 'Me' },
      }),
      403,
      'moderate-self',
    )
    for (const body of [
      { decision: 'act', hide: true, warn: false, suspendDays: 0, reason: 'x' },
      { decision: 'act', hide: true, warn: false, suspendDays: 366, reason: 'x' },
      { decision: 'act', hide: true, warn: false, suspendDays: null, reason: ' ' },
      { decision: 'act', hide: true, warn: false, reason: 'x' },
      { decision: 'dismiss', note: 'x'.repeat(501) },
      { decision: 'ban' },
    ])
      expectProblem(await resolve(service, moderator, caseId, body), 400, 'validation-failed')
    expect((await send(service, moderator, 'GET', `/social/moderation/cases/${caseId}`)).json().status).toBe('open')
  })

  it('hides a post for everyone but its author, who sees why; hide and warn write two log rows', async () => {
    const author = await newPerson(service)
    const reader = await newPerson(service)
    await service.db.insertInto('follows').values({ follower_id: reader.id, followee_id: author.id }).execute()
    const older = [await newPost(service, author), await newPost(service, author)]
    const { postId, caseId } = await reportedPost(author, reader)
    const response = await resolve(service, moderator, caseId, act({ hide: true, warn: true }, 'Insults'))
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      status: 'actioned',
      resolution: { decision: 'act', hide: true, warn: true },
    })

    expectProblem(await send(service, reader, 'GET', `/social/posts/${postId}`), 404, 'not-found')
    expect(await idsAt(service, reader, '/social/feed')).toEqual([older[1], older[0]])
    // A page the newest posts' window fills, and one read author by author: neither shows it.
    expect(await idsAt(service, reader, '/social/feed?limit=1')).toEqual([older[1]])
    expect(await idsAt(service, reader, '/social/tags/rude/posts')).not.toContain(postId)
    expect(await idsAt(service, author, '/social/tags/rude/posts')).toContain(postId)
    expect(await idsAt(service, reader, `/social/people/${author.id}/posts`)).not.toContain(postId)
    expectProblem(await send(service, reader, 'PUT', `/social/posts/${postId}/like`), 404, 'not-found')
    const own = await send(service, author, 'GET', `/social/posts/${postId}`)
    expect(own.json()).toMatchObject({ id: postId, hidden: { reason: 'Insults' } })
    expect(await idsAt(service, author, '/social/feed')).toContain(postId)

    expect((await logOf(author)).map((row) => row.action)).toEqual(['warn', 'hide'])
    const [hidden] = await outboxEvents(service.db, { type: 'social.moderation.content_hidden', userId: author.id })
    expect(hidden.data).toEqual({ targetType: 'post', targetId: postId, reason: 'Insults', audience: [author.id] })
    const [warned] = await outboxEvents(service.db, { type: 'social.moderation.warned', userId: author.id })
    expect(warned.data).toEqual({ reason: 'Insults', audience: [author.id] })
    const [resolved] = await outboxEvents(service.db, { type: 'social.report.resolved', userId: reader.id })
    expect(resolved.data).toMatchObject({ outcome: 'actioned' })

    const standing = (await send(service, author, 'GET', '/social/me/standing')).json()
    expect(standing).toMatchObject({
      suspension: null,
      warnings: [{ reason: 'Insults' }],
      hidden: [{ target: { type: 'post', id: postId }, reason: 'Insults', excerpt: 'Something rude, said at length' }],
    })
    expect((await send(service, reader, 'GET', '/social/me/standing')).json()).toEqual({
      suspension: null,
      warnings: [],
      hidden: [],
    })
  })

  it('hides a comment from everyone but its author', async () => {
    const author = await newPerson(service)
    const reader = await newPerson(service)
    const postId = await newPost(service, reader, { visibility: 'public' })
    const created = await send(service, author, 'POST', `/social/posts/${postId}/comments`, { body: { body: 'Ugh' } })
    const commentId = created.json().id
    await report(service, reader, 'comment', commentId, 'harassment')
    const caseId = await caseOf(service, 'comment', commentId)
    expect((await resolve(service, moderator, caseId, act({ hide: true }, 'Harassment'))).statusCode).toBe(200)
    expect(await idsAt(service, reader, `/social/posts/${postId}/comments`)).toEqual([])
    const own = await send(service, author, 'GET', `/social/posts/${postId}/comments`)
    expect(own.json().items).toMatchObject([{ id: commentId, hidden: { reason: 'Harassment' } }])
    expect((await send(service, reader, 'DELETE', `/social/posts/${postId}/comments/${commentId}`)).statusCode).toBe(
      404,
    )
  })

  it('hides a message as a tombstone for all, its reason for its author; it cannot be edited', async () => {
    const author = await newPerson(service)
    const reader = await newPerson(service)
    const conversationId = await direct(service, reader, author)
    const messageId = await post(service, author, conversationId, 'Nasty words')
    await report(service, reader, 'message', messageId, 'harassment')
    const caseId = await caseOf(service, 'message', messageId)
    expect((await resolve(service, moderator, caseId, act({ hide: true }, 'Not here'))).statusCode).toBe(200)
    const url = `/social/conversations/${conversationId}/messages`
    const seen = (await send(service, reader, 'GET', url)).json().items[0]
    expect(seen).toMatchObject({ id: messageId, body: '', hidden: true, hiddenReason: null })
    const mine = (await send(service, author, 'GET', url)).json().items[0]
    expect(mine).toMatchObject({ id: messageId, body: '', hidden: true, hiddenReason: 'Not here' })
    const list = (await send(service, reader, 'GET', '/social/conversations')).json().items
    expect(list[0].lastMessage).toMatchObject({ id: messageId, body: '', hidden: true })
    expectProblem(
      await send(service, author, 'PATCH', `${url}/${messageId}`, { body: { body: 'Sorry' } }),
      409,
      'message-hidden',
    )
    const standing = (await send(service, author, 'GET', '/social/me/standing')).json()
    expect(standing.hidden).toMatchObject([{ target: { type: 'message', id: messageId }, excerpt: 'Nasty words' }])
  })

  it('suspends: 403 social-suspended on every write that reaches others, reads and leaving still work; lifted, writes work', async () => {
    const subject = await newPerson(service)
    const [friend, other] = [await newPerson(service), await newPerson(service)]
    const conversationId = await direct(service, subject, friend)
    const messageId = await post(service, subject, conversationId, 'hello')
    const groupId = await group(service, subject, friend)
    const ownPost = await newPost(service, subject)
    const otherPost = await newPost(service, other, { visibility: 'public' })
    await send(service, subject, 'PUT', `/social/following/${friend.id}`)
    await report(service, friend, 'user', subject.id, 'spam')
    const caseId = await caseOf(service, 'user', subject.id)
    const response = await resolve(service, moderator, caseId, act({ suspendDays: 7 }, 'Spamming'))
    expect(response.statusCode, response.body).toBe(200)
    const until = response.json().resolution.suspendedUntil
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000)

    const writes = [
      send(service, subject, 'POST', '/social/posts', { body: { body: 'x' } }),
      send(service, subject, 'POST', `/social/posts/${otherPost}/comments`, { body: { body: 'x' } }),
      send(service, subject, 'PUT', `/social/posts/${otherPost}/like`),
      send(service, subject, 'POST', `/social/conversations/${conversationId}/messages`, { body: { body: 'x' } }),
      send(service, subject, 'PATCH', `/social/conversations/${conversationId}/messages/${messageId}`, {
        body: { body: 'x' },
      }),
      send(service, subject, 'POST', '/social/conversations/direct', { body: { userId: other.id } }),
      send(service, subject, 'POST', '/social/conversations', { body: { title: 'G', memberIds: [other.id] } }),
      send(service, subject, 'POST', `/social/conversations/${groupId}/members`, { body: { userIds: [other.id] } }),
      send(service, subject, 'PUT', `/social/following/${other.id}`),
      send(service, subject, 'POST', '/social/friend-requests', { body: { userId: other.id } }),
    ]
    for (const refused of await Promise.all(writes)) {
      expectProblem(refused, 403, 'social-suspended')
      expect(refused.json().until).toBe(until)
    }
    const allowed = [
      send(service, subject, 'GET', '/social/feed'),
      send(service, subject, 'GET', `/social/posts/${otherPost}`),
      send(service, subject, 'GET', `/social/conversations/${conversationId}/messages`),
      send(service, subject, 'POST', '/social/conversations/direct', { body: { userId: friend.id } }),
      send(service, subject, 'DELETE', `/social/posts/${ownPost}`),
      send(service, subject, 'DELETE', `/social/following/${friend.id}`),
      send(service, subject, 'POST', `/social/conversations/${groupId}/leave`),
      send(service, subject, 'PUT', `/social/blocks/${other.id}`),
    ]
    for (const answer of await Promise.all(allowed)) expect(answer.statusCode, answer.body).toBeLessThan(300)

    const standing = (await send(service, subject, 'GET', '/social/me/standing')).json()
    expect(standing.suspension).toMatchObject({ until, reason: 'Spamming' })
    const [event] = await outboxEvents(service.db, { type: 'social.moderation.suspended', userId: subject.id })
    expect(event.data).toEqual({ until, reason: 'Spamming', audience: [subject.id] })

    const lift = `/social/moderation/users/${subject.id}/lift-suspension`
    expect((await send(service, moderator, 'POST', lift, { body: { reason: 'Appeal granted' } })).statusCode).toBe(204)
    expect((await send(service, moderator, 'POST', lift, { body: { reason: 'Again' } })).statusCode).toBe(204)
    expect((await logOf(subject)).map((row) => [row.action, row.reason])).toEqual([
      ['lift_suspension', 'Appeal granted'],
      ['suspend', 'Spamming'],
    ])
    expect((await send(service, subject, 'POST', '/social/posts', { body: { body: 'back' } })).statusCode).toBe(201)
    expect((await send(service, subject, 'GET', '/social/me/standing')).json().suspension).toBeNull()
  })
})

describe('the log', () => {
  it('is newest first, in pages, everyone’s or one subject’s', async () => {
    const author = await newPerson(service)
    const ids = []
    for (let i = 0; i < 3; i++) {
      const { caseId } = await reportedPost(author, await newPerson(service))
      await resolve(service, moderator, caseId, { decision: 'dismiss', note: `note ${i}` })
      ids.push(caseId)
    }
    const first = await send(service, moderator, 'GET', `/social/moderation/log?subjectId=${author.id}&limit=2`)
    expect(first.json().items.map((row: { caseId: string }) => row.caseId)).toEqual([ids[2], ids[1]])
    expect(first.json().items[0]).toMatchObject({
      actor: { userId: moderator.id, displayName: 'Mo Derator' },
      action: 'dismiss',
      subjectId: author.id,
      reason: 'note 2',
    })
    const next = `/social/moderation/log?subjectId=${author.id}&limit=2&cursor=${first.json().nextCursor}`
    expect((await send(service, moderator, 'GET', next)).json()).toMatchObject({
      items: [{ caseId: ids[0] }],
      nextCursor: null,
    })
    const everyone = (await send(service, moderator, 'GET', '/social/moderation/log?limit=1')).json()
    expect(everyone.items[0].caseId).toBe(ids[2])
  })
})
