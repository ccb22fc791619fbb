import type { Redis } from 'ioredis'
import { compareStreamIds, type EndReason } from './live-event.ts'

/**
 * Appends an event to one user's stream and announces it, once per (event, user): the seen-key
 * makes a redelivered Kafka message a no-op. The stream is capped (MAXLEN ~) and expires when idle.
 * KEYS: stream, seen-key. ARGV: max length, event JSON, ttl ms, channel, user id.
 */
const appendScript = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then return false end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], 'e ' .. ARGV[5] .. ' ' .. id .. ' ' .. ARGV[2])
return id`

type AppendCommand = (
  stream: string,
  seen: string,
  maxLength: number,
  json: string,
  ttlMs: number,
  ...rest: string[]
) => Promise<string | null>

export interface LiveStreamsOptions {
  prefix: string
  /** Entries kept per user (approximately: Redis trims whole nodes). */
  maxLength: number
  /** A stream with no new entry for this long is dropped; also how long a delivery is remembered. */
  ttlMs: number
}

/** A message on the channel: an event for a user, or the end of a user's streams. */
export type ChannelMessage =
  | { kind: 'event'; userId: string; id: string; json: string }
  /** Ends the user's streams, or only those opened in the sign-ins named. */
  | { kind: 'end'; userId: string; reason: EndReason; sessionIds?: string[] }

export function parseChannelMessage(message: string): ChannelMessage | null {
  const [kind, userId, third, fourth] = message.split(' ', 4)
  if (kind === 'x' && userId && third) {
    return { kind: 'end', userId, reason: third as EndReason, ...(fourth ? { sessionIds: fourth.split(',') } : {}) }
  }
  if (kind !== 'e' || !userId || !third) return null
  return { kind: 'event', userId, id: third, json: message.slice(kind.length + userId.length + third.length + 3) }
}

/** What a reconnecting client gets: the entries after its last id, or `reset` if some may have been trimmed. */
export type Backlog = { reset: true } | { reset: false; entries: Array<{ id: string; json: string }> }

/** The id of the stream's oldest entry still kept, from XINFO STREAM's flat answer. */
function firstIdOf(info: unknown): string | undefined {
  const fields = Array.isArray(info) ? info : []
  const first = fields[fields.indexOf('first-entry') + 1] as [string, string[]] | null | undefined
  return first?.[0]
}

/** Per-user Redis Streams (the resume window) and the pub/sub channel every replica listens on. */
export function createLiveStreams(redis: Redis, options: LiveStreamsOptions) {
  const streamOf = (userId: string) => `${options.prefix}stream:${userId}`
  const channel = `${options.prefix}channel`
  if (!('focushubLiveAppend' in redis))
    redis.defineCommand('focushubLiveAppend', { numberOfKeys: 2, lua: appendScript })
  const append = (redis as unknown as { focushubLiveAppend: AppendCommand }).focushubLiveAppend.bind(redis)

  return {
    channel,
    /** Appends the event (public JSON, envelope id) to each recipient's stream; ids of the new entries. */
    async append(eventId: string, json: string, recipients: string[]) {
      return Promise.all(
        recipients.map((userId) =>
          append(
            streamOf(userId),
            `${options.prefix}seen:${eventId}:${userId}`,
            options.maxLength,
            json,
            options.ttlMs,
            channel,
            userId,
          ),
        ),
      )
    },
    /** Ends every open stream of the user, on every replica. */
    async end(userId: string, reason: EndReason, sessionIds?: string[]) {
      await redis.publish(channel, `x ${userId} ${reason}${sessionIds ? ` ${sessionIds.join(',')}` : ''}`)
    },
    /** The user's entries after `lastId`; atomic, so a trim cannot fall between the check and the read. */
    async readAfter(userId: string, lastId: string): Promise<Backlog> {
      const key = streamOf(userId)
      const results = await redis.multi().xinfo('STREAM', key).xrange(key, `(${lastId}`, '+').exec()
      const [[infoError, info], [rangeError, range]] = results ?? [
        [new Error('transaction aborted'), null],
        [null, null],
      ]
      // No stream: it expired (or never was) since that id, so what came after is unknown.
      if (infoError) return { reset: true }
      if (rangeError) throw rangeError
      // The client's last id was trimmed away: what followed it may have been too (a trim keeps no record of
      // which ids it removed), so the client refetches rather than miss events.
      const firstId = firstIdOf(info)
      if (!firstId || compareStreamIds(lastId, firstId) < 0) return { reset: true }
      const entries = (range as Array<[string, string[]]>).map(([id, fields]) => ({ id, json: fields[1] }))
      return { reset: false, entries }
    },
  }
}

export type LiveStreams = ReturnType<typeof createLiveStreams>
