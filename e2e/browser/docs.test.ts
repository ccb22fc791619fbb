import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { edgeUrl } from '../stack.ts'
import { launchBrowser } from './harness.ts'

interface MergedDocument {
  paths: Record<string, Record<string, { summary?: string; security?: unknown }>>
  'x-focushub-sources': Record<string, { status: string }>
}

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('API documentation through NGINX', () => {
  it('publishes one OpenAPI 3.1 document built from every service', async () => {
    const response = await fetch(`${edgeUrl}/api/v1/openapi.json`)
    expect(response.status).toBe(200)
    const document = (await response.json()) as MergedDocument & { openapi: string }
    expect(document.openapi).toBe('3.1.0')
    expect(document['x-focushub-sources']).toEqual({
      'auth-service': expect.objectContaining({ status: 'ok' }),
      'task-service': expect.objectContaining({ status: 'ok' }),
      'focus-service': expect.objectContaining({ status: 'ok' }),
      'habit-service': expect.objectContaining({ status: 'ok' }),
      'notification-service': expect.objectContaining({ status: 'ok' }),
      'social-service': expect.objectContaining({ status: 'ok' }),
    })
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/admin/users', '/api/v1/health']),
    )
  })

  it('gives every operation its security: a token by default, none on the public routes', async () => {
    const document = (await (await fetch(`${edgeUrl}/api/v1/openapi.json`)).json()) as MergedDocument & {
      security: unknown
    }
    const bearer = [{ bearerAuth: [] }]
    expect(document.security).toEqual(bearer)
    const security = (path: string, method: string) => document.paths[path][method].security
    expect(security('/api/v1/auth/login', 'post')).toEqual([])
    expect(security('/api/v1/auth/register', 'post')).toEqual([])
    expect(security('/api/v1/auth/.well-known/jwks.json', 'get')).toEqual([])
    expect(security('/api/v1/focus/public/{token}', 'get')).toEqual([])
    expect(security('/api/v1/health', 'get')).toEqual([])
    for (const [path, method] of [
      ['/api/v1/auth/me', 'get'],
      ['/api/v1/admin/users', 'get'],
      ['/api/v1/tasks', 'post'],
      ['/api/v1/focus/sessions', 'post'],
      ['/api/v1/habits', 'get'],
      ['/api/v1/rewards', 'get'],
    ]) {
      expect(security(path, method), `${method} ${path}`).toEqual(bearer)
    }
  })

  // Swagger UI parses and lays out the whole document (166 operations) before its first tag shows: 15 s
  // was once too little with three test files and their browsers on 2 busy cores.
  it('shows every operation in a real browser, loading nothing from outside', { timeout: 120_000 }, async () => {
    const document = (await (await fetch(`${edgeUrl}/api/v1/openapi.json`)).json()) as MergedDocument
    const page = await browser.newPage()
    const outside: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.protocol !== 'data:' && url.host !== new URL(edgeUrl).host) outside.push(request.url())
    })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${edgeUrl}/api/v1/docs`, { waitUntil: 'networkidle' })
    // 166 operations: the page opens with its tags collapsed (rendering them all at once stops part-way in
    // Chromium), so each tag is opened, read and closed in turn.
    await page.locator('.opblock-tag').first().waitFor({ timeout: 60_000 })
    const expected = Object.keys(document.paths)
    expect(expected.length).toBeGreaterThan(5)
    const sections = page.locator('.opblock-tag-section')
    const shown = new Set<string>()
    for (let index = 0; index < (await sections.count()); index++) {
      const section = sections.nth(index)
      await section.locator('.opblock-tag').click()
      await section.locator('.opblock-summary-path').first().waitFor()
      for (const text of await section.locator('.opblock-summary-path').allInnerTexts())
        shown.add(text.replace(/\u200b/g, '').trim())
      await section.locator('.opblock-tag').click()
    }
    expect(expected.filter((path) => !shown.has(path))).toEqual([])
    expect(outside).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})
