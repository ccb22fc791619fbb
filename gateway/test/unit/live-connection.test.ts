import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createConnection, type Transport } from '../../src/modules/live/live.connection.ts'

function fakeTransport() {
  const written: string[] = []
  const state = { buffered: 0, answering: true, destroyed: false, ended: '' as string, close: () => {} }
  const transport: Transport = {
    event: (id) => written.push(id),
    control: (name) => written.push(name),
    heartbeat: () => state.answering,
    buffered: () => state.buffered,
    end: (reason) => {
      state.ended = reason
      state.close()
    },
    destroy: () => {
      state.destroyed = true
      state.close()
    },
    onClose: (listener) => {
      state.close = listener
    },
  }
  return { transport, written, state }
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600

function connect(fake: ReturnType<typeof fakeTransport>, expiresAt = inAnHour()) {
  const onClosed = vi.fn()
  const created = createConnection({
    userId: 'u',
    expiresAt,
    maxBufferedBytes: 100,
    transport: fake.transport,
    onClosed,
  })
  return { ...created, onClosed }
}

describe('a live connection', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends the backlog first, then what arrived meanwhile, never twice and never out of order', () => {
    const fake = fakeTransport()
    const { connection, open } = connect(fake)
    connection.deliver('5-0', '{}')
    connection.deliver('3-0', '{}')
    open({
      reset: false,
      entries: [
        { id: '2-0', json: '{}' },
        { id: '3-0', json: '{}' },
      ],
    })
    connection.deliver('4-0', '{}')
    connection.deliver('6-0', '{}')
    expect(fake.written).toEqual(['ready', '2-0', '3-0', '5-0', '6-0'])
  })

  it('tells the client to refetch when its resume point left the window', () => {
    const fake = fakeTransport()
    connect(fake).open({ reset: true })
    expect(fake.written).toEqual(['ready', 'reset'])
  })

  it('cuts a client whose unread bytes pass the bound, and one that stopped answering heartbeats', () => {
    const slow = fakeTransport()
    const { connection, open, onClosed } = connect(slow)
    open(null)
    slow.state.buffered = 101
    connection.deliver('1-0', '{}')
    expect(slow.state.destroyed).toBe(true)
    expect(onClosed).toHaveBeenCalledOnce()
    connection.deliver('2-0', '{}')
    expect(slow.written).toEqual(['ready', '1-0'])

    const silent = fakeTransport()
    const second = connect(silent)
    second.open(null)
    silent.state.answering = false
    second.connection.heartbeat()
    expect(silent.state.destroyed).toBe(true)
  })

  it('ends with token-expired when the token expires', () => {
    const fake = fakeTransport()
    const { open, onClosed } = connect(fake, Math.floor(Date.now() / 1000) + 60)
    open(null)
    vi.advanceTimersByTime(59_000)
    expect(fake.state.ended).toBe('')
    vi.advanceTimersByTime(1000)
    expect(fake.state.ended).toBe('token-expired')
    expect(onClosed).toHaveBeenCalledOnce()
  })
})
