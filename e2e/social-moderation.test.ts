import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { type Answer, api, eventually, type SignedUp, send, setRole, signIn, signUp } from './client.ts'

/**
 * Issue #26, "report and moderate", through NGINX: a report opens a case a moderator (a role an admin
 * grants; here given in auth-service's database) works from the queue. Hiding takes the post from everyone
 * but its author, who sees why; the reporter is told the outcome live; a suspension stops the author's
 * posts until a moderator lifts it; a plain user reaches no moderator route.
 */

const as = (user: SignedUp) => ({ authorization: user.authorization })

async function moderator() {
  const user = await signUp({ displayName: `Mo ${randomUUID().slice(0, 6)}` })
  await setRole([user.userId], 'moderator')
  return signIn(user)
}

/** The open case of a target, read from the queue a page at a time (oldest first). */
async function openCaseOf(mo: SignedUp, targetId: string) {
  for (let cursor: string | null = null; ; ) {
    const page: Answer = await send(
      'GET',
      `/social/moderation/cases?status=open&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      as(mo),
    )
    expect(page.status, JSON.stringify(page.body)).toBe(200)
    const found = page.body.items.find((item: { target: { id: string } }) => item.target.id === targetId)
    if (found) return found
    cursor = page.body.nextCursor
    if (!cursor) throw new Error(`no open case of ${targetId}`)
  }
}

describe('moderation through NGINX', () => {
  it('a reported post hidden by a moderator: gone for others, its author sees why, the reporter told', async () => {
    const [ada, bruno, mo] = await Promise.all([signUp({ displayName: 'Ada' }), signUp(), moderator()])
    try {
      const posted = await eventually(
        () => send('POST', '/social/posts', { ...as(ada), body: { body: 'Buy cheap pills', visibility: 'public' } }),
        (answer) => answer.status === 201,
      )
      const postId = posted.body.id as string
      const live = await openSse(`${api}/events`, as(bruno))
      await live.named('ready')

      // A plain user reaches no moderator route.
      expect((await send('GET', '/social/moderation/cases', as(bruno))).status).toBe(403)
      const reported = await send('POST', '/social/reports', {
        ...as(bruno),
        body: { target: { type: 'post', id: postId }, reason: 'spam', details: 'an advert' },
      })
      expect(reported.status, JSON.stringify(reported.body)).toBe(201)
      expect(reported.body).toMatchObject({ status: 'open', target: { type: 'post', id: postId } })

      const found = await openCaseOf(mo, postId)
      expect(found).toMatchObject({
        subject: { userId: ada.userId },
        snapshot: { text: 'Buy cheap pills' },
        reportCount: 1,
        reasons: [{ reason: 'spam', count: 1 }],
      })
      const detail = await send('GET', `/social/moderation/cases/${found.id}`, as(mo))
      expect(detail.body.reports).toMatchObject([{ reporter: { userId: bruno.userId }, details: 'an advert' }])
      const resolved = await send('POST', `/social/moderation/cases/${found.id}/resolve`, {
        ...as(mo),
        body: { decision: 'act', hide: true, warn: true, suspendDays: null, reason: 'Advertising is not allowed' },
      })
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200)
      expect(resolved.body).toMatchObject({ status: 'actioned', resolution: { hide: true, warn: true } })

      expect((await send('GET', `/social/posts/${postId}`, as(bruno))).status).toBe(404)
      const mine = await send('GET', `/social/posts/${postId}`, as(ada))
      expect(mine.body.hidden).toMatchObject({ reason: 'Advertising is not allowed' })
      const standing = await send('GET', '/social/me/standing', as(ada))
      expect(standing.body).toMatchObject({
        suspension: null,
        warnings: [{ reason: 'Advertising is not allowed' }],
        hidden: [{ target: { type: 'post', id: postId }, reason: 'Advertising is not allowed' }],
      })

      const told = await live.until(
        () => live.events().find((event) => event.type === 'social.report.resolved'),
        15_000,
      )
      expect(told.data).toMatchObject({ reportId: reported.body.id, outcome: 'actioned' })
      expect(JSON.stringify(told)).not.toContain(mo.userId)
      const reports = await send('GET', '/social/reports', as(bruno))
      expect(reports.body.items).toMatchObject([{ id: reported.body.id, status: 'actioned' }])

      const log = await send('GET', `/social/moderation/log?subjectId=${ada.userId}`, as(mo))
      expect(log.body.items.map((row: { action: string }) => row.action).sort()).toEqual(['hide', 'warn'])
      await live.close()
    } finally {
      await setRole([mo.userId], 'user')
    }
  })

  it('a reported user suspended from social features cannot post until a moderator lifts it', async () => {
    const [ada, bruno, mo] = await Promise.all([signUp(), signUp(), moderator()])
    try {
      const reported = await eventually(
        () =>
          send('POST', '/social/reports', {
            ...as(bruno),
            body: { target: { type: 'user', id: ada.userId }, reason: 'harassment' },
          }),
        (answer) => answer.status === 201,
      )
      expect(reported.body.status).toBe('open')
      const found = await openCaseOf(mo, ada.userId)
      const hideUser = await send('POST', `/social/moderation/cases/${found.id}/resolve`, {
        ...as(mo),
        body: { decision: 'act', hide: true, warn: false, suspendDays: null, reason: 'x' },
      })
      expect(hideUser.status).toBe(422)
      expect(hideUser.body.code).toBe('nothing-to-hide')
      const suspended = await send('POST', `/social/moderation/cases/${found.id}/resolve`, {
        ...as(mo),
        body: { decision: 'act', hide: false, warn: false, suspendDays: 3, reason: 'Repeated harassment' },
      })
      expect(suspended.status, JSON.stringify(suspended.body)).toBe(200)

      const refused = await send('POST', '/social/posts', { ...as(ada), body: { body: 'hello', visibility: 'public' } })
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({ code: 'social-suspended' })
      expect(Date.parse(refused.body.until)).toBeGreaterThan(Date.now() + 2 * 86_400_000)
      expect((await send('GET', '/social/feed', as(ada))).status).toBe(200)
      expect((await send('GET', '/social/me/standing', as(ada))).body.suspension).toMatchObject({
        reason: 'Repeated harassment',
      })

      const lifted = await send('POST', `/social/moderation/users/${ada.userId}/lift-suspension`, {
        ...as(mo),
        body: { reason: 'appeal granted' },
      })
      expect(lifted.status).toBe(204)
      const posted = await send('POST', '/social/posts', { ...as(ada), body: { body: 'hello', visibility: 'public' } })
      expect(posted.status).toBe(201)
    } finally {
      await setRole([mo.userId], 'user')
    }
  })
})
