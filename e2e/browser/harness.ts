// The browser-test harness: one headless Chromium (Debian's, driven by playwright-core) for a test
// file, a fresh context per flow, axe-core for accessibility and screenshots for the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { type SignedUp, someClientAddress } from '../client.ts'
import { edgeUrl, processes } from '../stack.ts'

export const appUrl = `${edgeUrl}/`

/**
 * Each flow's page load refreshes the session at auth-service, whose per-IP budget every browser test
 * shares: a 429 makes the app wait its Retry-After (up to a minute) before the first screen shows.
 */
export const flowTimeout = 180_000
export const firstScreen = { timeout: 90_000 }

/** Waits for the page's live channel to be open (the header's status). */
export const liveOn = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Live updates on' }).waitFor(firstScreen)

/** Marks the page, so a test can tell that what it saw arrived without a reload (a reload drops the mark). */
export const markLoaded = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }))
export const stillLoaded = (page: Page) =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
export const phone: BrowserContextOptions = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }

/**
 * A page in a context of its own, signed out or, with `user`, signed in as a browser that signed in
 * before: its refresh-token cookie in place (the token `signUp` got from auth-service itself). Such a
 * context's session refreshes go to auth-service itself too, for a client address of the context's own
 * (as the gateway would forward them): every browser of the suite reaches NGINX from 127.0.0.1, and
 * the per-IP budget for credential calls (20 a minute) would otherwise hold first screens back. A
 * signed-out context goes through NGINX for everything (the sign-up flow's refreshes and sign-ins). Any
 * script error, console error (a CSP refusal among them) or request the app makes outside its own
 * origin fails the test in `done()`. It opens at `path` (the app's first screen by default).
 */
export async function openApp(browser: Browser, options: BrowserContextOptions = desktop, user?: SignedUp, path = '/') {
  const context = await browser.newContext({ ...options, baseURL: appUrl })
  if (user) {
    const { hostname } = new URL(appUrl)
    await context.addCookies(
      [{ name: 'focushub_refresh', value: user.refreshToken, domain: hostname, path: '/api/v1/auth' }].map(
        (cookie) => ({ ...cookie, httpOnly: true, secure: true, sameSite: 'Strict' as const }),
      ),
    )
    const headers = { 'x-forwarded-for': someClientAddress() }
    await context.route('**/api/v1/auth/refresh', async (route) => {
      const url = `${processes['auth-service']}/auth/refresh`
      const forwarded = { ...(await route.request().allHeaders()), ...headers }
      await route.fulfill({ response: await route.fetch({ url, headers: forwarded }) })
    })
  }
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    // A refused API call is logged by Chromium as a failed resource load: the tests cause some on purpose.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`)
  })
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol !== 'data:' && url.origin !== new URL(appUrl).origin) problems.push(`outside: ${url}`)
  })
  await page.goto(path)
  return {
    page,
    async done() {
      await context.close()
      expect(problems).toEqual([])
    },
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's WCAG 2.x A/AA rules on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string) {
  // Evaluated over the DevTools protocol, so the app's CSP (no inline script) does not stop it.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (options: unknown) => Promise<AxeResults> } }).axe
    const results = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => node.target.join(' ')),
      }))
  })
  expect(violations, `axe on ${screen}`).toEqual([])
}

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]
}

const screenshots = new URL('../../docs/screenshots/', import.meta.url)

/**
 * A screenshot of the screen, always taken; written to docs/screenshots/<name>.png (shown in the
 * README) only with UPDATE_SCREENSHOTS=1, so an ordinary run leaves the committed images alone.
 */
export async function screenshot(page: Page, name: string) {
  const image = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' })
  expect(image.length).toBeGreaterThan(0)
  if (process.env.UPDATE_SCREENSHOTS !== '1') return
  mkdirSync(screenshots, { recursive: true })
  writeFileSync(new URL(`${name}.png`, screenshots), image)
}

/** Whether the page fits a phone's 360 px without scrolling sideways. */
export const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= 360)

/** The layout shift score (the Layout Instability API's, as CLS adds it up) from now on. */
export async function watchLayoutShifts(page: Page) {
  await page.evaluate(() => {
    const scored = window as unknown as { layoutShift: number }
    scored.layoutShift = 0
    new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) scored.layoutShift += (entry as unknown as { value: number }).value
    }).observe({ type: 'layout-shift' })
  })
  return () => page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)
}
