import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unsubscribeTokens } from '../../src/modules/email/unsubscribe-token.ts'
import { expectProblem, newUser, startNotificationService, type TestService } from './support.ts'

const form = { 'content-type': 'application/x-www-form-urlencoded' }
const oneClick = 'List-Unsubscribe=One-Click'

describe('one-click unsubscribe (RFC 8058)', () => {
  let service: TestService
  let tokens: ReturnType<typeof unsubscribeTokens>

  beforeAll(async () => {
    service = await startNotificationService()
    tokens = unsubscribeTokens({ secret: service.config.UNSUBSCRIBE_SECRET, ttlSeconds: 3600 })
  })
  afterAll(() => service.close())

  const url = (token: string) => `/notifications/unsubscribe?${new URLSearchParams({ token })}`
  const settings = async (userId: string) =>
    (
      await service.app.inject({ method: 'GET', url: '/notification-settings', headers: await service.bearer(userId) })
    ).json()

  it('GET shows a page without script whose form POSTs, and changes nothing', async () => {
    const userId = newUser()
    const token = await tokens.sign(userId, 'project_invitation')
    const response = await service.app.inject({ method: 'GET', url: url(token) })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(response.headers['content-security-policy']).toContain("default-src 'none'")
    expect(response.body).not.toMatch(/<script/i)
    expect(response.body).toContain('<form method="post"')
    expect(response.body).toContain('name="List-Unsubscribe" value="One-Click"')
    expect(response.body).toContain(`action="?${new URLSearchParams({ token })}"`)
    expect((await settings(userId)).kinds.project_invitation).toEqual({ inApp: true, email: true })
  })

  it('POST List-Unsubscribe=One-Click turns that kind’s e-mail off, without signing in, and again is no error', async () => {
    const userId = newUser()
    const token = await tokens.sign(userId, 'project_invitation')
    for (let i = 0; i < 2; i++) {
      const response = await service.app.inject({ method: 'POST', url: url(token), headers: form, payload: oneClick })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(response.body).toContain('Unsubscribed')
    }
    const after = await settings(userId)
    expect(after.kinds.project_invitation).toEqual({ inApp: true, email: false })
    expect(after.kinds.achievement_unlocked).toEqual({ inApp: true, email: false })
  })

  it('a link for all turns every kind’s e-mail off and keeps the rest of the settings', async () => {
    const userId = newUser()
    const headers = await service.bearer(userId)
    const quietHours = { start: '22:00', end: '07:00' }
    await service.app.inject({
      method: 'PUT',
      url: '/notification-settings',
      headers,
      payload: { muted: false, quietHours, kinds: { achievement_unlocked: { inApp: false, email: true } } },
    })
    const token = await tokens.sign(userId, 'all')
    expect(
      (await service.app.inject({ method: 'POST', url: url(token), headers: form, payload: oneClick })).statusCode,
    ).toBe(200)
    const after = await settings(userId)
    expect(after.quietHours).toEqual(quietHours)
    expect(after.kinds.achievement_unlocked).toEqual({ inApp: false, email: false })
    for (const channels of Object.values(after.kinds)) expect(channels).toMatchObject({ email: false })
  })

  it('refuses a bad or expired link: problem+json to the POST, a page to the GET', async () => {
    const userId = newUser()
    const expired = await unsubscribeTokens({
      secret: service.config.UNSUBSCRIBE_SECRET,
      ttlSeconds: 60,
      now: () => new Date(Date.now() - 3600_000),
    }).sign(userId, 'all')
    const forged = `${(await tokens.sign(userId, 'all')).slice(0, -2)}xx`

    const bad = await service.app.inject({ method: 'POST', url: url(forged), headers: form, payload: oneClick })
    expectProblem(bad, 400, 'unsubscribe-link-invalid')
    const old = await service.app.inject({ method: 'POST', url: url(expired), headers: form, payload: oneClick })
    expectProblem(old, 410, 'unsubscribe-link-expired')

    const page = await service.app.inject({ method: 'GET', url: url(forged) })
    expect(page.statusCode).toBe(400)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('This link does not work')
    const oldPage = await service.app.inject({ method: 'GET', url: url(expired) })
    expect(oldPage.statusCode).toBe(410)
    expect(oldPage.body).toContain('This link has expired')
    // Nothing changed for the user.
    expect((await settings(userId)).kinds.project_invitation).toEqual({ inApp: true, email: true })
  })

  it('refuses a POST without the one-click body, a token or the form encoding, and a GET without a token', async () => {
    const token = await tokens.sign(newUser(), 'all')
    const noBody = await service.app.inject({ method: 'POST', url: url(token), headers: form, payload: 'x=1' })
    expectProblem(noBody, 400, 'validation-failed')
    const noToken = await service.app.inject({
      method: 'POST',
      url: '/notifications/unsubscribe',
      headers: form,
      payload: oneClick,
    })
    expectProblem(noToken, 400, 'validation-failed')
    const json = await service.app.inject({
      method: 'POST',
      url: url(token),
      headers: { 'content-type': 'application/json' },
      payload: { 'List-Unsubscribe': 'One-Click' },
    })
    expect(json.statusCode).toBe(415)
    const pageWithoutToken = await service.app.inject({ method: 'GET', url: '/notifications/unsubscribe' })
    expectProblem(pageWithoutToken, 400, 'validation-failed')
  })

  it('documents the routes as public, the POST as form-encoded', async () => {
    const document = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json()
    const path = document.paths['/notifications/unsubscribe']
    expect(path.get.security).toEqual([])
    expect(path.post.security).toEqual([])
    expect(Object.keys(path.post.requestBody.content)).toEqual(['application/x-www-form-urlencoded'])
    expect(Object.keys(path.get.responses[200].content)).toEqual(['text/html'])
  })
})
