// Drill: SIGKILL one of two upstreams while GET load runs through the balancer; no GET may fail.
// Run: node bench/lb/drill.ts   (DRILL_SECONDS=6, DRILL_CONNECTIONS=32)
import { setTimeout as sleep } from 'node:timers/promises'
import { load, startBalancer, startUpstream, stopAll } from './support.ts'

const seconds = Number(process.env.DRILL_SECONDS ?? 6)
const connections = Number(process.env.DRILL_CONNECTIONS ?? 32)
const [a, b] = await Promise.all([startUpstream('a'), startUpstream('b')])
const lb = await startBalancer(`http://127.0.0.1:${a.port},http://127.0.0.1:${b.port}`, {
  LB_HEALTH_INTERVAL_MS: '1000',
})
try {
  const running = load(`http://127.0.0.1:${lb.port}`, '/api/v1/dashboard', seconds, connections)
  await sleep((seconds * 1000) / 3)
  b.child.kill('SIGKILL')
  console.log(`SIGKILL sent to upstream b (pid ${b.child.pid}) under load`)
  const result = await running
  const status = await (await fetch(`http://127.0.0.1:${lb.port}/lb/status`)).json()
  console.log(
    `${result.requests} GET in ${seconds} s, ${connections} connections: failed ${result.failed}, statuses ${JSON.stringify(result.statuses)}, p99 ${result.p99.toFixed(2)} ms`,
  )
  const { totals, upstreams } = status as { totals: object; upstreams: { url: string; state: string }[] }
  console.log(`balancer: ${JSON.stringify(totals)}`)
  console.log(`upstreams: ${upstreams.map((u) => `${u.url} ${u.state}`).join(', ')}`)
  console.log(result.failed === 0 ? 'PASS: no failed GET' : 'FAIL: some GET failed')
  process.exitCode = result.failed === 0 ? 0 : 1
} finally {
  stopAll()
}
