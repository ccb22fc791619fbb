import Fastify from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBackgroundJob } from '../../src/jobs/background-job.ts'
import { jobPlugin } from '../../src/jobs/job-plugin.ts'

const logger = () => ({ info: vi.fn(), warn: vi.fn() })

/** A pass that runs until the test ends it, counting how many run at once. */
function controlledPass() {
  const ends: ((count: number) => void)[] = []
  const state = { running: 0, most: 0, calls: 0 }
  const pass = () => {
    state.calls++
    state.most = Math.max(state.most, ++state.running)
    return new Promise<number>((resolve) => {
      ends.push((count) => {
        state.running--
        resolve(count)
      })
    })
  }
  const end = (count = 0) => ends.shift()?.(count)
  return { pass, end, state }
}

describe('createBackgroundJob', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs a pass each interval after the previous one ended, never two at once, and logs what it did', async () => {
    vi.useFakeTimers()
    const log = logger()
    const { pass, end, state } = controlledPass()
    const job = createBackgroundJob({ name: 'sweep', intervalMs: 1000, pass, log })
    job.start()
    await vi.advanceTimersByTimeAsync(999)
    expect(state.calls).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(state.calls).toBe(1)
    // The pass outlasts several intervals: no second pass starts beside it.
    await vi.advanceTimersByTimeAsync(5000)
    expect(state.calls).toBe(1)
    end(3)
    await vi.advanceTimersByTimeAsync(999)
    expect(state.calls).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(state.calls).toBe(2)
    expect(state.most).toBe(1)
    expect(log.info).toHaveBeenCalledExactlyOnceWith({ count: 3 }, 'sweep done')
    end(0)
    await job.stop()
  })

  it('stops only once the running pass has ended, and runs no pass after', async () => {
    vi.useFakeTimers()
    const { pass, end, state } = controlledPass()
    const job = createBackgroundJob({ name: 'refresh', intervalMs: 1000, pass, log: logger(), immediate: true })
    job.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(state.calls).toBe(1)
    let stopped = false
    const stopping = job.stop().then(() => {
      stopped = true
    })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(stopped).toBe(false)
    end()
    await stopping
    expect(stopped).toBe(true)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(state.calls).toBe(1)
  })

  it('logs a failed pass and keeps going, backing off while it fails', async () => {
    vi.useFakeTimers()
    const log = logger()
    let failing = true
    const pass = vi.fn(async () => {
      if (failing) throw new Error('database down')
      return 0
    })
    const job = createBackgroundJob({ name: 'relay', intervalMs: 1000, pass, log, retry: { initialMs: 100 } })
    job.start()
    await vi.advanceTimersByTimeAsync(1000 + 100 + 200)
    expect(pass).toHaveBeenCalledTimes(3)
    expect(log.warn).toHaveBeenCalledWith({ err: 'database down', retryInMs: 400 }, 'relay failed')
    // A wake-up does not cut a backoff short.
    job.wake()
    await vi.advanceTimersByTimeAsync(399)
    expect(pass).toHaveBeenCalledTimes(3)
    failing = false
    await vi.advanceTimersByTimeAsync(1)
    expect(pass).toHaveBeenCalledTimes(4)
    expect(log.info).toHaveBeenCalledWith({ afterFailures: 3 }, 'relay recovered')
    await job.stop()
  })

  it('without a retry policy a failed pass waits the interval, and the loop outlives it', async () => {
    vi.useFakeTimers()
    const log = logger()
    const pass = vi.fn(async () => {
      throw new Error('gone')
    })
    const job = createBackgroundJob({ name: 'prune', intervalMs: 1000, pass, log })
    job.start()
    await vi.advanceTimersByTimeAsync(3000)
    expect(pass).toHaveBeenCalledTimes(3)
    expect(log.warn).toHaveBeenCalledTimes(3)
    await job.stop()
  })

  it('wakes for work: at once while idle, and once more after a pass a wake-up arrived during', async () => {
    vi.useFakeTimers()
    const { pass, end, state } = controlledPass()
    const job = createBackgroundJob({ name: 'relay', intervalMs: 60_000, pass, log: logger(), immediate: true })
    job.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(state.calls).toBe(1)
    job.wake()
    job.wake()
    end()
    await vi.advanceTimersByTimeAsync(0)
    expect(state.calls).toBe(2)
    end()
    await vi.advanceTimersByTimeAsync(0)
    expect(state.calls).toBe(2)
    job.wake()
    await vi.advanceTimersByTimeAsync(0)
    expect(state.calls).toBe(3)
    end()
    await job.stop()
    expect(state.most).toBe(1)
  })

  it('stops at once when idle, and before it ever started', async () => {
    vi.useFakeTimers()
    const pass = vi.fn(async () => 0)
    await createBackgroundJob({ name: 'never', intervalMs: 1000, pass, log: logger() }).stop()
    const job = createBackgroundJob({ name: 'idle', intervalMs: 60_000, pass, log: logger() })
    job.start()
    await job.stop()
    expect(pass).not.toHaveBeenCalled()
  })
})

describe('jobPlugin', () => {
  it('starts its job when the app is ready and stops it, waiting for the running pass, when the app closes', async () => {
    const calls: string[] = []
    let endPass: () => void = () => {}
    const plugin = jobPlugin('focushub-test-job', (_app, options: { label: string }) => ({
      start: () => {
        calls.push(`start ${options.label}`)
      },
      stop: () =>
        new Promise<void>((resolve) => {
          calls.push('stopping')
          endPass = () => {
            calls.push('stopped')
            resolve()
          }
        }),
    }))
    const app = Fastify()
    await app.register(plugin, { label: 'sweep' })
    expect(calls).toEqual([])
    await app.ready()
    expect(calls).toEqual(['start sweep'])
    expect(app.hasPlugin('focushub-test-job')).toBe(true)
    const closing = app.close()
    await vi.waitFor(() => expect(calls).toContain('stopping'))
    endPass()
    await closing
    expect(calls).toEqual(['start sweep', 'stopping', 'stopped'])
  })
})
