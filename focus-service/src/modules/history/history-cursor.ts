import { errors } from '@focushub/shared'

/** Where a page of history ended: history runs newest start first, ties broken by id. */
export interface HistoryPosition {
  startedAt: Date
  id: string
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function encodeHistoryCursor(position: HistoryPosition): string {
  return Buffer.from(JSON.stringify({ s: position.startedAt.toISOString(), id: position.id })).toString('base64url')
}

export function decodeHistoryCursor(cursor: string): HistoryPosition {
  try {
    const { s, id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; id?: unknown }
    const startedAt = new Date(String(s))
    if (typeof id === 'string' && uuid.test(id) && !Number.isNaN(startedAt.getTime())) return { startedAt, id }
  } catch {}
  throw errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])
}
