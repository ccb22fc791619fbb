import type { IncomingMessage } from 'node:http'
import { v7 as uuidv7 } from 'uuid'

const wellFormedRequestId = /^[A-Za-z0-9._:-]{1,128}$/

/** Keeps a well-formed x-request-id from the caller, otherwise mints a UUIDv7. */
export function requestIdFrom(request: IncomingMessage): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && wellFormedRequestId.test(given) ? given : uuidv7()
}
