import type { Redis } from 'ioredis'
import { compareStreamIds, type EndReason } from './live-event.ts'

/**
 * Appends an event to each recipient's stream and announces it on the channel in one message naming every
 * recipient's entry id, once per event: the seen-key makes a redelivered Kafka message a no-op (the script
 * is atomic, so an event is in all its recipients' streams or in none). Streams are capped (MAXLEN ~) and
 * expire when idle. One script and one channel message per event, whatever its audience: a room's event
 * goes to up to 50 people, and each Redis command and each channel message is a write on both sides.
 * KEYS: seen-key, then each recipient's stream. ARGV: max length, event JSON, ttl ms, channel, then each
 * recipient's user id (in the order of KEYS).
 */
const appendScript = `
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[3]) then return false end
local ids = {}
local deliveries = {}
for i = 2, #KEYS do
  local id = redis.call('XADD', KEYS[i], 'MAXLEN', '~', ARGV[1], '*', 'e', ARGV[2])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
  ids[#ids + 1] = id
  deliveries[#deliveries + 1] = ARGV[i + 3] .. '=' .. id
end
redis.call('PUBLISH', ARGV[4], 'e ' .. table.concat(deliveries, ',') .. ' ' .. ARGV[2])
return ids`

type AppendCommand = (keyCount: number, ...keysThenArgs: Array<string | number>) => Promise<string[] | null>

/** An event to push: its envelope id, its public JSON and who receives it. */
export interface LiveDelivery {
  eventId: string
  json: string
  recipients: string[]
}

export interface LiveStreamsOptions {
  prefix: string
  /** Entries kept per user (approximately: Redis trims whole nodes). */
  maxLength: number
  /** A stream with no new entry for this long is dropped; also how long a delivery is remembered. */
  ttlMs: number
}

/** A message on the channel: an event and each recipient's entry id, or the end of a user's streams. */
export type ChannelMessage =
  | { kind: 'event'; entries: Array<{ userId: string; id: string }>; json: string }
  /** Ends the user's streams, or only those opened in the sign-ins named. */
  | { kind: 'end'; userId: string; reason: EndReason; sessionIds?: string[] }

export function parseChannelMessage(message: string): ChannelMessage | null {
  const [kind, second, third, fourth] = message.split(' ', 4)
  if (kind === 'x' && second && third) {
    return {
      kind: 'end',
      userId: second,
      reason: third as EndReason,
      ...(fourth ? { sessionIds: fourth.split(',') } : {}),
    }
  }
  if (kind !== 'e' || !second || third === undefined) return null
  const entries = second.split(',').map((entry) => {
    const [userId, id] = entry.split('=')
    return { userId, id }
  })
  if (entries.some((entry) => !entry.userId || !entry.id)) return null
  return { kind: 'event', entries, json: message.slice(kind.length + second.length + 2) }
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
  if (!('focushubLiveAppend' in redis)) redis.defineCommand('focushubLiveAppend', { lua: appendScript })

  return {
    channel,
    /**
     * Appends each event to its recipients' streams, the whole batch in one pipeline (one write to Redis,
     * in order); per event, its recipients' new entry ids (empty when it was appended before).
     */
    async append(deliveries: LiveDelivery[]): Promise<string[][]> {
      const batch = deliveries.filter((delivery) => delivery.recipients.length > 0)
      if (batch.length === 0) return deliveries.map(() => [])
      const pipeline = redis.pipeline() as unknown as { focushubLiveAppend: AppendCommand; exec: Redis['exec'] }
      for (const { eventId, json, recipients } of batch) {
        const keys = [`${options.prefix}seen:${eventId}`, ...recipients.map(streamOf)]
        pipeline.focushubLiveAppend(
          keys.length,
          ...keys,
          options.maxLength,
          json,
          options.ttlMs,
          channel,
          ...recipients,
        )
      }
      const answers = (await pipeline.exec()) ?? []
      const failed = answers.find(([error]) => error)
      if (failed) throw failed[0]
      const ids = new Map(batch.map((delivery, i) => [delivery, (answers[i]?.[1] as string[] | null) ?? []]))
      return deliveries.map((delivery) => ids.get(delivery) ?? [])
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
