import { afterEach, describe, expect, it, vi } from 'vitest'
import { runPeriodically } from '../../src/periodic.ts'

const logger = () => ({ info: vi.fn(), error: vi.fn() })

describe('runPeriodically', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs a pass every interval, logs what it did, and never two passes at once', async () => {
    vi.useFakeTimers()
    const log = logger()
    let running = 0
    let most = 0
    const pass = vi.fn(async () => {
      most = Math.max(most, ++running)
      await new Promise((resolve) => setTimeout(resolve, 1500))
      running--
      return pass.mock.calls.length === 1 ? 3 : 0
    })
    const stop = runPeriodically({ name: 'sweep', intervalMs: 1000, pass, log })
    // Passes start at 1000 and 3500 (each 1000 ms after the previous one ended at 2500).
    await vi.advanceTimersByTimeAsync(3600)
    expect(pass).toHaveBeenCalledTimes(2)
    expect(most).toBe(1)
    expect(log.info).toHaveBeenCalledTimes(1)
    expect(log.info).toHaveBeenCalledWith({ count: 3 }, 'sweep done')
    await vi.advanceTimersByTimeAsync(1500)
    await stop()
  })

  it('logs a failed pass, runs again, and runs no more once stopped', async () => {
    vi.useFakeTimers()
    const log = logger()
    const pass = vi.fn(async () => {
      throw new Error('database down')
    })
    const stop = runPeriodically({ name: 'refresh', intervalMs: 1000, pass, log })
    await vi.advanceTimersByTimeAsync(2500)
    expect(pass).toHaveBeenCalledTimes(2)
    expect(log.error).toHaveBeenCalledWith({ err: 'database down' }, 'refresh failed')
    await stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(pass).toHaveBeenCalledTimes(2)
  })

  it('stops only once the running pass has finished', async () => {
    vi.useFakeTimers()
    let finish: (count: number) => void = () => {}
    const pass = () =>
      new Promise<number>((resolve) => {
        finish = resolve
      })
    const stop = runPeriodically({ name: 'refresh', intervalMs: 1000, pass, log: logger() })
    await vi.advanceTimersByTimeAsync(1000)
    let stopped = false
    const stopping = stop().then(() => {
      stopped = true
    })
    await vi.advanceTimersByTimeAsync(10)
    expect(stopped).toBe(false)
    finish(0)
    await stopping
    expect(stopped).toBe(true)
  })
})
