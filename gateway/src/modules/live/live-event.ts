import type { EventEnvelope } from '@focushub/shared/events'

/** What a client receives of an event: the envelope without its request id and producer. */
export function publicEventOf(event: EventEnvelope): string {
  const { id, type, version, occurredAt, userId, data } = event
  return JSON.stringify({ id, type, version, occurredAt, userId, data })
}

/** A Redis stream entry id, `<milliseconds>-<sequence>`: the SSE event id and the resume point. */
export const streamIdPattern = '^[0-9]{1,15}-[0-9]{1,15}$'

const partsOf = (id: string) => id.split('-').map(Number) as [number, number]

/** Orders two stream ids: negative when a comes first. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = partsOf(a)
  const [bMs, bSeq] = partsOf(b)
  return aMs === bMs ? aSeq - bSeq : aMs - bMs
}

/**
 * Why a stream ends; each is the SSE event sent last and the WebSocket close code and reason.
 * A client too slow to read is cut without a last message (it would not read it).
 */
export type EndReason = 'token-expired' | 'account-refused' | 'session-revoked' | 'shutdown'

export const closeCodes: Record<EndReason, number> = {
  'token-expired': 4001,
  'account-refused': 4003,
  'session-revoked': 4004,
  shutdown: 1001,
}

export const endDetails: Record<EndReason, string> = {
  'token-expired': 'The access token expired: reconnect with a fresh token or ticket',
  'account-refused': 'The account is suspended, deactivated or deleted',
  'session-revoked':
    'This sign-in has ended (signed out, password, role or account changed, or token reuse): sign in again',
  shutdown: 'The gateway is restarting: reconnect',
}

/** One Server-Sent Events message; `data` is one line of JSON, so it needs no splitting. */
export function sseMessage(message: { id?: string; event?: string; data: string }) {
  const id = message.id ? `id: ${message.id}\n` : ''
  const event = message.event ? `event: ${message.event}\n` : ''
  return `${id}${event}data: ${message.data}\n\n`
}
