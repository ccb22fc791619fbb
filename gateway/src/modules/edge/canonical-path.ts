import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { gatewayError } from '../../errors.ts'

/** RFC 3986 §2.3: characters that mean the same encoded or not, so an encoding of one is a second spelling. */
const isUnreserved = (code: number) =>
  (code >= 0x30 && code <= 0x39) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x61 && code <= 0x7a) ||
  code === 0x2d ||
  code === 0x2e ||
  code === 0x5f ||
  code === 0x7e

const hexValue = (code: number) => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1
}

/**
 * Why a request target's path is not the one spelling the services route on, or undefined when it
 * is: a percent-encoded unreserved character or slash (the services decode them), an empty segment
 * (a double or trailing slash), a dot segment, a fragment, a malformed escape. Case is kept as it
 * is: every hop matches paths case-sensitively. One pass over the path, no regex: its cost grows
 * with the URL's length only.
 */
export function nonCanonicalPart(url: string): string | undefined {
  if (url.charCodeAt(0) !== 0x2f) return 'no leading slash'
  let segmentStart = 1
  for (let i = 1; i <= url.length; i++) {
    // The end of the URL closes the last segment as a query would.
    const code = i < url.length ? url.charCodeAt(i) : 0x3f
    if (code === 0x23) return 'a fragment'
    if (code === 0x25) {
      const high = hexValue(url.charCodeAt(i + 1))
      const low = hexValue(url.charCodeAt(i + 2))
      if (high < 0 || low < 0) return 'a malformed percent-encoding'
      const byte = high * 16 + low
      if (isUnreserved(byte) || byte === 0x2f) return 'a percent-encoded letter, digit, mark or slash'
      i += 2
      continue
    }
    if (code !== 0x2f && code !== 0x3f) continue
    const length = i - segmentStart
    const atRoot = code === 0x3f && segmentStart === 1
    if (length === 0 && !atRoot) return 'an empty segment (a double or trailing slash)'
    if (
      (length === 1 && url.charCodeAt(segmentStart) === 0x2e) ||
      (length === 2 && url.charCodeAt(segmentStart) === 0x2e && url.charCodeAt(segmentStart + 1) === 0x2e)
    )
      return 'a dot segment'
    if (code === 0x3f) return undefined
    segmentStart = i + 1
  }
  return undefined
}

/**
 * The first hook of every proxied request: its path in the one canonical spelling, or 400. The
 * services decode what they route on (`/auth/%6cogin` is their `/auth/login`), so the rate limit,
 * the anonymous-route check and the idempotency store, which read the URL as sent, see exactly the
 * path the service will route: no second spelling gets past this hook.
 */
export function refuseNonCanonicalPath(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) {
  const part = nonCanonicalPart(request.url)
  if (part === undefined) return done()
  done(gatewayError('non-canonical-path', `The path has ${part}: send it in its canonical spelling`))
}
