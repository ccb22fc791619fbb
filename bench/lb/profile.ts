// Where the balancer spends its CPU: the balancer under `node --cpu-prof` in front of 2 stand-in
// upstreams (or, with PROFILE_UPSTREAMS=gateways, 2 real gateways and the authenticated task list
// of compare.ts), GET load straight at it, then its self time by source and by function.
// Run: node bench/lb/profile.ts   (PROFILE_SECONDS=8, PROFILE_CONNECTIONS=32, PROFILE_TOP=25; the
// .cpuprofile is kept for Chrome DevTools, its path printed)
import { once } from 'node:events'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startGatewayPair } from './gateways.ts'
import { load, logDir, startBalancer, startUpstream, stopAll } from './support.ts'

const seconds = Number(process.env.PROFILE_SECONDS ?? 8)
const connections = Number(process.env.PROFILE_CONNECTIONS ?? 32)
const top = Number(process.env.PROFILE_TOP ?? 25)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
}

/** Where a function comes from: the balancer, undici, Node's own JavaScript, or native code. */
function sourceOf({ url, functionName }: ProfileNode['callFrame']) {
  if (url.includes('load-balancer/')) return 'balancer'
  if (url.includes('undici/')) return 'undici'
  if (url.startsWith('node:')) return 'node (JavaScript)'
  if (url) return 'other JavaScript'
  return functionName.startsWith('(') ? functionName : 'native (writes, reads, crypto…)'
}

/** Self-time share per source, largest first. */
function bySource(profile: Profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const counts = new Map<string, number>()
  for (const id of profile.samples) {
    const source = sourceOf((byId.get(id) as ProfileNode).callFrame)
    counts.set(source, (counts.get(source) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, share: n / profile.samples.length }))
}

/** Self-time share of each function (by name and place), largest first. */
function selfTimes(profile: Profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const counts = new Map<string, number>()
  for (const id of profile.samples) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame
    const where = url
      ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}`
      : ''
    const key = `${functionName || '(anonymous)'} ${where}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, share: n / profile.samples.length }))
}

async function upstreams() {
  if (process.env.PROFILE_UPSTREAMS === 'gateways') return startGatewayPair()
  const standIns = await Promise.all([startUpstream('a'), startUpstream('b')])
  const close = async () => {}
  return { gateways: standIns.map((u) => `127.0.0.1:${u.port}`), path: '/api/v1/dashboard', headers: {}, close }
}

const target = await upstreams()
const profileDir = join(logDir, 'profile')
const lb = await startBalancer(target.gateways.map((server) => `http://${server}`).join(','), {
  LB_ACCESS_LOG: process.env.LB_ACCESS_LOG ?? 'false',
  NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}`,
})
try {
  await load(`http://127.0.0.1:${lb.port}`, target.path, 1, connections, target.headers)
  const result = await load(`http://127.0.0.1:${lb.port}`, target.path, seconds, connections, target.headers)
  console.log(
    `balancer alone: ${result.perSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, failed ${result.failed}`,
  )
  lb.child.kill('SIGTERM')
  await once(lb.child, 'exit')
  const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile
  console.log(`profile: ${join(profileDir, file)}\nself time by source:`)
  for (const { name, share } of bySource(profile)) console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${name}`)
  console.log(`self time, top ${top}:`)
  for (const { name, share } of selfTimes(profile).slice(0, top))
    console.log(`  ${(share * 100).toFixed(1).padStart(5)} %  ${name}`)
} finally {
  stopAll()
  await target.close()
}
