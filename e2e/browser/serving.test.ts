import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { edgeUrl } from '../stack.ts'

/** The scripts index.html loads before the first screen: its module entry and what it preloads. */
async function initialScripts() {
  const html = await (await fetch(`${edgeUrl}/`)).text()
  const entries = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((match) => match[1])
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((match) => match[1])
  return [...entries, ...preloads]
}

describe('the web app at / through NGINX', () => {
  it('answers every app path with index.html, revalidated, under a CSP that allows only its own origin', async () => {
    for (const path of ['/', '/today', '/projects/0198a0a0-0000-7000-8000-000000000000', '/sign-in']) {
      const response = await fetch(`${edgeUrl}${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'; script-src 'self'")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toContain('<div id="root"></div>')
    }
  })

  it('caches the hashed assets for a year and gzips them; a missing one is a 404 problem', async () => {
    const [entry] = await initialScripts()
    expect(entry).toMatch(/^\/assets\/.+-[\w-]{8}\.js$/)
    const response = await fetch(`${edgeUrl}${entry}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('content-encoding')).toBe('gzip')
    const missing = await fetch(`${edgeUrl}/assets/nothing-12345678.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toContain('application/problem+json')
  })

  it('keeps the API, /health and /ready where they were', async () => {
    const health = await fetch(`${edgeUrl}/health`)
    expect(health.headers.get('content-type')).toContain('application/json')
    expect((await fetch(`${edgeUrl}/ready`)).headers.get('content-type')).toContain('application/json')
    const unknown = await fetch(`${edgeUrl}/api/v1/no-such-route`)
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toContain('application/problem+json')
    expect((await fetch(`${edgeUrl}/api/elsewhere`)).headers.get('content-type')).toContain('application/problem+json')
  })

  it('loads at most 250 KB of gzipped JavaScript before the first screen', async () => {
    const scripts = await initialScripts()
    expect(scripts.length).toBeGreaterThan(0)
    let total = 0
    for (const script of scripts) {
      const response = await fetch(`${edgeUrl}${script}`)
      expect(response.status, script).toBe(200)
      total += gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length
    }
    expect(total).toBeLessThanOrEqual(250 * 1024)
  })
})
