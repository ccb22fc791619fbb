import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * Whether a request to the admin listener carries `Authorization: Bearer <LB_ADMIN_TOKEN>`.
 * Digests are compared, in constant time, so neither the token's bytes nor its length leak.
 */
export function adminTokenCheck(token: string) {
  const expected = digest(token)
  return (request: IncomingMessage) => {
    const header = request.headers.authorization ?? ''
    return header.startsWith('Bearer ') && timingSafeEqual(digest(header.slice('Bearer '.length)), expected)
  }
}
