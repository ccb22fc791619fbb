/** Test clients of the gateway's live routes: fetch streaming for SSE, the global WebSocket for /ws. */

export interface SseMessage {
  id?: string
  event: string
  data: string
}

/** Resolves once `probe` returns something, checked after every change; rejects after `ms`. */
function createWaiter() {
  const listeners = new Set<() => void>()
  return {
    notify: () => {
      for (const listener of listeners) listener()
    },
    until<T>(probe: () => T | undefined | false, ms = 5000): Promise<T> {
      // Made here, so a timeout names the test line that waited.
      const timeout = new Error(`nothing matched within ${ms} ms`)
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = probe()
          if (found === undefined || found === false) return
          cleanup()
          resolve(found)
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(timeout)
        }, ms)
        const cleanup = () => {
          clearTimeout(timer)
          listeners.delete(check)
        }
        listeners.add(check)
        check()
      })
    },
  }
}

function parseBlock(block: string): SseMessage | 'comment' | null {
  const message: SseMessage = { event: 'message', data: '' }
  let fields = 0
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return 'comment'
    const [name, ...rest] = line.split(': ')
    const value = rest.join(': ')
    if (name === 'id') message.id = value
    else if (name === 'event') message.event = value
    else if (name === 'data') message.data = value
    else continue
    fields++
  }
  return fields > 0 && message.data ? message : null
}

export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const response = await fetch(url, { headers, signal: controller.signal })
  const messages: SseMessage[] = []
  const state = { comments: 0, ended: false }
  const waiter = createWaiter()
  const reading = (async () => {
    if (!response.ok || !response.body) return
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true })
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const parsed = parseBlock(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
          if (parsed === 'comment') state.comments++
          else if (parsed) messages.push(parsed)
        }
        waiter.notify()
      }
    } catch {
      // Aborted by close().
    } finally {
      state.ended = true
      waiter.notify()
    }
  })()
  return {
    response,
    messages,
    state,
    /** The domain events received (unnamed SSE messages), parsed. */
    events: () => messages.filter((m) => m.event === 'message').map((m) => ({ id: m.id, ...JSON.parse(m.data) })),
    until: waiter.until,
    named: (event: string, ms?: number) => waiter.until(() => messages.find((m) => m.event === event), ms),
    close: async () => {
      controller.abort()
      await reading
    },
  }
}

export interface WsMessage {
  kind: string
  id?: string
  event?: { id: string; type: string; userId: string; data: Record<string, unknown> }
  data?: unknown
}

export async function openWs(url: string) {
  const socket = new WebSocket(url)
  const messages: WsMessage[] = []
  const waiter = createWaiter()
  let closed: { code: number; reason: string } | undefined
  socket.addEventListener('message', (message) => {
    messages.push(JSON.parse(String(message.data)) as WsMessage)
    waiter.notify()
  })
  socket.addEventListener('close', (event) => {
    closed = { code: event.code, reason: event.reason }
    waiter.notify()
  })
  await waiter.until(() => messages.some((m) => m.kind === 'ready') || closed !== undefined, 5000)
  return {
    socket,
    messages,
    events: () => messages.filter((m) => m.kind === 'event'),
    until: waiter.until,
    closed: (ms?: number) => waiter.until(() => closed, ms),
    close: () => socket.close(),
  }
}
