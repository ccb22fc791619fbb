import type { Backlog } from './live.streams.ts'
import { compareStreamIds, type EndReason } from './live-event.ts'

/** How one kind of stream (SSE, WebSocket) writes to its client. */
export interface Transport {
  event(id: string, json: string): void
  control(name: 'ready' | 'reset', data: string): void
  /** Keeps idle proxies from cutting the stream; false when the client stopped answering. */
  heartbeat(): boolean
  /** Bytes written and not yet taken by the client. */
  buffered(): number
  /** Ends with a last message saying why. */
  end(reason: EndReason): void
  /** Cuts the connection at once (the client would not read a last message). */
  destroy(): void
  onClose(listener: () => void): void
}

export interface LiveConnection {
  userId: string
  /** The sign-in (refresh family) of the token the stream was opened with, when it names one. */
  sessionId?: string
  deliver(id: string, json: string): void
  heartbeat(): void
  end(reason: EndReason): void
}

export interface ConnectionOptions {
  userId: string
  sessionId?: string
  /** When the token (or the token behind the ticket) expires, in seconds since the epoch. */
  expiresAt: number
  maxBufferedBytes: number
  transport: Transport
  onClosed: () => void
}

/**
 * One client's stream: live events queue until its backlog (resume) is sent, nothing is sent twice
 * or out of order, a client whose unread bytes pass the bound is cut, and the stream ends when
 * the token expires.
 */
export function createConnection(options: ConnectionOptions) {
  const { transport } = options
  let queued: Array<{ id: string; json: string }> | null = []
  let lastId = '0-0'
  let closed = false

  const expiry = setTimeout(() => end('token-expired'), Math.max(0, options.expiresAt * 1000 - Date.now()))
  transport.onClose(() => {
    closed = true
    clearTimeout(expiry)
    options.onClosed()
  })

  function dropIfSlow() {
    if (closed || transport.buffered() <= options.maxBufferedBytes) return
    closed = true
    transport.destroy()
  }

  function send(id: string, json: string) {
    if (closed || compareStreamIds(id, lastId) <= 0) return
    lastId = id
    transport.event(id, json)
    dropIfSlow()
  }

  function end(reason: EndReason) {
    if (closed) return
    closed = true
    transport.end(reason)
  }

  const connection: LiveConnection = {
    userId: options.userId,
    sessionId: options.sessionId,
    deliver(id, json) {
      if (queued) queued.push({ id, json })
      else send(id, json)
    },
    heartbeat() {
      if (closed) return
      if (!transport.heartbeat()) {
        closed = true
        transport.destroy()
        return
      }
      dropIfSlow()
    },
    end,
  }

  return {
    connection,
    /** Sends the backlog (or `reset`), then what arrived meanwhile, then streams live. */
    open(backlog: Backlog | null) {
      transport.control('ready', JSON.stringify({ userId: options.userId }))
      if (backlog?.reset) transport.control('reset', JSON.stringify({ detail: 'Events were missed: refetch' }))
      for (const entry of backlog && !backlog.reset ? backlog.entries : []) send(entry.id, entry.json)
      const pending = queued ?? []
      queued = null
      for (const entry of pending) send(entry.id, entry.json)
    },
  }
}
