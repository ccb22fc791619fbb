import type { WebSocket } from 'ws'
import type { Transport } from './live.connection.ts'
import { closeCodes, type EndReason, endDetails } from './live-event.ts'

/**
 * WebSocket messages are JSON: `{ kind: 'event', id, event }`, `{ kind: 'ready' | 'reset', … }`.
 * The end comes as a close code with its reason (4001 token-expired, 4003 account-refused, 4004 session-revoked, 1001 shutdown).
 * Heartbeats are pings: a client that has not answered the previous one is gone.
 */
export function wsTransport(socket: WebSocket): Transport {
  let answered = true
  socket.on('pong', () => {
    answered = true
  })
  // Clients only listen; whatever they send is ignored.
  socket.on('message', () => {})
  return {
    event: (id, json) => socket.send(`{"kind":"event","id":"${id}","event":${json}}`),
    control: (name, data) => socket.send(`{"kind":"${name}","data":${data}}`),
    heartbeat: () => {
      if (!answered) return false
      answered = false
      socket.ping()
      return true
    },
    buffered: () => socket.bufferedAmount,
    end: (reason: EndReason) => socket.close(closeCodes[reason], `${reason}: ${endDetails[reason]}`.slice(0, 123)),
    destroy: () => socket.terminate(),
    onClose: (listener) => socket.once('close', listener),
  }
}
