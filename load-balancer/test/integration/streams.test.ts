import { once } from 'node:events'
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { closeAll, listen, startBalancer, status, wait } from './support.ts'

afterEach(closeAll)

describe('streams through the balancer', () => {
  it('passes WebSocket upgrades both ways', async () => {
    const server = createServer()
    const wss = new WebSocketServer({ server })
    wss.on('connection', (socket, request) => {
      socket.send(`hello ${request.headers['x-request-id'] ? 'with id' : 'without id'}`)
      socket.on('message', (data) => socket.send(`echo ${data}`))
    })
    const { base } = await startBalancer([await listen(server)])
    const client = new WebSocket(`${base.replace('http', 'ws')}/api/v1/ws`)
    const messages: string[] = []
    client.on('message', (data) => {
      messages.push(String(data))
      if (messages.length === 1) client.send('ping')
      if (messages.length === 2) client.close()
    })
    await once(client, 'close')
    expect(messages).toEqual(['hello with id', 'echo ping'])
    wss.close()
  })

  it('passes Server-Sent Events as they come, past the idle bound of a quiet stream', async () => {
    const a = await listen(
      createServer((_request, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
        let n = 0
        const timer = setInterval(() => {
          res.write(`data: ${n++}\n\n`)
          if (n === 6) {
            clearInterval(timer)
            res.end()
          }
        }, 150)
        res.on('close', () => clearInterval(timer))
      }),
    )
    const { base } = await startBalancer([a], { LB_STREAM_IDLE_TIMEOUT_MS: '400' })
    const response = await fetch(`${base}/api/v1/events`)
    let chunks = 0
    let text = ''
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      text += Buffer.from(chunk).toString()
      chunks++
    }
    expect(text).toBe([0, 1, 2, 3, 4, 5].map((n) => `data: ${n}\n\n`).join(''))
    // Event by event, not held until the stream ends (how soon: bench/lb/sse-first-event.ts).
    expect(chunks).toBeGreaterThanOrEqual(5)
  })

  it('cancels the upstream request when the client goes away', async () => {
    const seen: IncomingMessage[] = []
    const upstreamClosed = new Promise<void>((resolve) => {
      void listen(
        createServer((request, res) => {
          seen.push(request)
          res.writeHead(200, { 'content-type': 'text/event-stream' })
          res.write('data: first\n\n')
          res.on('close', () => resolve())
        }),
      ).then((url) => startBalancer([url]).then(({ base }) => run(base)))
    })
    let lbBase = ''
    async function run(base: string) {
      lbBase = base
      const controller = new AbortController()
      const response = await fetch(`${base}/slow`, { signal: controller.signal })
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      await reader.read()
      controller.abort()
    }
    await Promise.race([
      upstreamClosed,
      wait(3000).then(() => {
        throw new Error('the upstream request stayed open')
      }),
    ])
    expect(seen).toHaveLength(1)
    await wait(50)
    const { totals, upstreams } = await status(lbBase)
    expect(totals.clientAborts).toBe(1)
    expect(upstreams[0].inFlight).toBe(0)
  })

  it('streams a 200 MB upload without holding it in memory', async () => {
    let received = 0
    const counting = await listen(
      createServer(async (request, res) => {
        for await (const chunk of request) received += (chunk as Buffer).length
        res.end(String(received))
      }),
    )
    const { base } = await startBalancer([counting])
    const chunk = Buffer.alloc(64 * 1024, 120)
    const total = 200 * 1024 * 1024
    let sent = 0
    let peak = 0
    const before = process.memoryUsage.rss()
    const body = new Readable({
      read() {
        peak = Math.max(peak, process.memoryUsage.rss() - before)
        if (sent >= total) return this.push(null)
        sent += chunk.length
        this.push(chunk)
      },
    })
    const answer = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${base}/upload`, { method: 'POST', headers: { 'content-length': total } }, (res) => {
        let text = ''
        res.on('data', (d) => (text += d))
        res.on('end', () => resolve(text))
      })
      req.on('error', reject)
      body.pipe(req)
    })
    expect(Number(answer)).toBe(total)
    expect(received).toBe(total)
    // Flat at ~90 MB of collectable garbage for 100 MB to 800 MB uploads; holding the body would add 200 MB.
    expect(peak).toBeLessThan(128 * 1024 * 1024)
  })

  it('holds back a fast upstream while the client reads slowly, then delivers every byte', async () => {
    const total = 100 * 1024 * 1024
    let written = 0
    const fast = await listen(
      createServer((_request, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total })
        const chunk = Buffer.alloc(64 * 1024, 121)
        const pump = () => {
          while (written < total) {
            written += chunk.length
            if (!res.write(chunk)) return res.once('drain', pump)
          }
          res.end()
        }
        pump()
      }),
    )
    const { base } = await startBalancer([fast])
    const response = await new Promise<IncomingMessage>((resolve, reject) =>
      httpRequest(`${base}/download`, resolve).on('error', reject).end(),
    )
    response.pause()
    await wait(500)
    // Socket buffers on the way hold a few MB; without backpressure the balancer would read it all.
    expect(written).toBeLessThan(32 * 1024 * 1024)
    let received = 0
    for await (const chunk of response) received += (chunk as Buffer).length
    expect(received).toBe(total)
  })
})
