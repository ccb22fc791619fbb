import { randomFillSync } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const wellFormedRequestId = /^[A-Za-z0-9._:-]{1,128}$/
const idsPerFill = 512
/** Random bytes for many ids at once: one call into the system's generator per 512 ids, not one per id. */
const pool = Buffer.alloc(idsPerFill * 10)
let used = idsPerFill
const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/** A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits, so ids sort by time. */
export function mintRequestId(now = Date.now()): string {
  if (used === idsPerFill) {
    randomFillSync(pool)
    used = 0
  }
  const r = used++ * 10
  const time = now.toString(16).padStart(12, '0')
  const versioned = hex[0x70 | (pool[r] & 0x0f)] + hex[pool[r + 1]]
  const variant = hex[0x80 | (pool[r + 2] & 0x3f)] + hex[pool[r + 3]]
  let tail = ''
  for (let i = r + 4; i < r + 10; i++) tail += hex[pool[i]]
  return `${time.slice(0, 8)}-${time.slice(8)}-${versioned}-${variant}-${tail}`
}

/** Keeps a well-formed x-request-id from the caller (NGINX sets one), otherwise mints a UUIDv7. */
export function requestIdFrom(request: IncomingMessage): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && wellFormedRequestId.test(given) ? given : mintRequestId()
}
