// Drill: SIGKILL one of two upstreams while GET load runs through the balancer; no GET may fail.
// By default the upstreams are stand-ins; DRILL_UPSTREAMS=gateways runs it on 2 real gateway
// processes (and task-service) with the authenticated task list of compare.ts.
// Run: node bench/lb/drill.ts   (DRILL_SECONDS=6, DRILL_CONNECTIONS=32, DRILL_UPSTREAMS=stand-ins|gateways)
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { startGatewayPair } from './gateways.ts'
import { freePort, load, startBalancer, startUpstream, stopAll } from './support.ts'

const seconds = Number(process.env.DRILL_SECONDS ?? 6)
const connections = Number(process.env.DRILL_CONNECTIONS ?? 32)

async function upstreams() {
  if (process.env.DRILL_UPSTREAMS === 'gateways') {
    const pair = await startGatewayPair()
    return { ...pair, servers: pair.gateways, victim: pair.pids.gateways[1] }
  }
  const standIns = await Promise.all([startUpstream('a'), startUpstream('b')])
  return {
    servers: standIns.map((u) => `127.0.0.1:${u.port}`),
    victim: standIns[1].child.pid as number,
    path: '/api/v1/dashboard',
    headers: {},
    close: async () => {},
  }
}

const target = await upstreams()
try {
  const admin = { port: await freePort(), token: randomBytes(16).toString('hex') }
  const lb = await startBalancer(target.servers.map((server) => `http://${server}`).join(','), {
    LB_HEALTH_INTERVAL_MS: '1000',
    LB_ADMIN_PORT: String(admin.port),
    LB_ADMIN_TOKEN: admin.token,
  })
  const running = load(`http://127.0.0.1:${lb.port}`, target.path, seconds, connections, target.headers)
  await sleep((seconds * 1000) / 3)
  process.kill(target.victim, 'SIGKILL')
  console.log(`SIGKILL sent to upstream ${target.servers[1]} (pid ${target.victim}) under load`)
  const result = await running
  const status = await (
    await fetch(`http://127.0.0.1:${admin.port}/lb/status`, { headers: { authorization: `Bearer ${admin.token}` } })
  ).json()
  console.log(
    `${result.requests} GET ${target.path} in ${seconds} s, ${connections} connections: failed ${result.failed}, statuses ${JSON.stringify(result.statuses)}, p99 ${result.p99.toFixed(2)} ms`,
  )
  const { totals, upstreams: states } = status as { totals: object; upstreams: { url: string; state: string }[] }
  console.log(`balancer: ${JSON.stringify(totals)}`)
  console.log(`upstreams: ${states.map((u) => `${u.url} ${u.state}`).join(', ')}`)
  console.log(result.failed === 0 ? 'PASS: no failed GET' : 'FAIL: some GET failed')
  process.exitCode = result.failed === 0 ? 0 : 1
} finally {
  stopAll()
  await target.close()
}
