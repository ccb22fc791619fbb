import { errors } from '@focushub/shared'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A page cursor over a list ordered by (position, id): the last item's pair, opaque to clients. */
export function encodePositionCursor(last: { position: number; id: string }): string {
  return Buffer.from(JSON.stringify([last.position, last.id])).toString('base64url')
}

export function decodePositionCursor(cursor: string): { position: number; id: string } {
  try {
    const [position, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (Number.isInteger(position) && typeof id === 'string' && uuid.test(id))
      return { position: position as number, id }
  } catch {}
  throw errors.validation('The cursor is not valid', [{ field: '/querystring/cursor', message: 'is not a cursor' }])
}
