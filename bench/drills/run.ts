// Fault drills against a running stack: each breaks one component under traffic and checks the
// platform's promise. They STOP, KILL AND RESTART PROCESSES of the stack they target (the one .env /
// .env.example / the environment describes, as for ./focushub).
// Run: node bench/drills/run.ts [drill…]   (no name: all, in the order below)
import type { Drill, DrillResult } from './drill.ts'
import { gatewayKill } from './gateway-kill.ts'
import { kafkaDown, kafkaKill } from './kafka-down.ts'
import { postgresDown } from './postgres-down.ts'
import { processKill } from './process-kill.ts'
import { redisDown, redisKill } from './redis-down.ts'
import { rollingRestart } from './rolling-restart.ts'
import { s3Down } from './s3-down.ts'
import { smtpDown } from './smtp-down.ts'
import { openStack } from './stack.ts'
import { drillUsers, usersFor } from './traffic.ts'

const drills: Drill[] = [
  gatewayKill,
  processKill,
  rollingRestart,
  kafkaDown,
  kafkaKill,
  redisDown,
  redisKill,
  postgresDown,
  smtpDown,
  s3Down,
]

const asked = process.argv.slice(2)
const unknown = asked.filter((name) => !drills.some((drill) => drill.name === name))
if (unknown.length > 0) {
  console.error(`unknown drill: ${unknown.join(', ')}; there are: ${drills.map((d) => d.name).join(', ')}`)
  process.exit(2)
}
const chosen = asked.length === 0 ? drills : drills.filter((drill) => asked.includes(drill.name))

const stack = openStack()
const rate = Number(process.env.DRILL_RATE ?? 60)
const health = await fetch(`${stack.publicUrl}/health`).catch(() => undefined)
if (health?.status !== 200) {
  console.error(`the target stack does not answer ${stack.publicUrl}/health with 200: start it first (./focushub up)`)
  process.exit(2)
}
console.log(`target: ${stack.publicUrl}, state ${stack.state}; load ${rate} GET/s`)
const signedIn = await drillUsers(stack.publicUrl, usersFor(rate, stack.env) + 3)
const [users, writers] = [signedIn.slice(3), signedIn.slice(0, 3)]

const results: { drill: Drill; result: DrillResult; seconds: number }[] = []
for (const drill of chosen) {
  console.log(`\n== ${drill.name}: ${drill.summary}`)
  const started = performance.now()
  let result: DrillResult
  try {
    result = await drill.run({ stack, users, writers, rate, log: (line) => console.log(`   ${line}`) })
  } catch (error) {
    result = { pass: false, figures: [`the drill itself failed: ${(error as Error).stack}`] }
  }
  const seconds = (performance.now() - started) / 1000
  results.push({ drill, result, seconds })
  console.log(`${result.pass ? 'PASS' : 'FAIL'} ${drill.name} (${seconds.toFixed(0)} s): ${result.figures[0]}`)
  for (const line of result.figures.slice(1)) console.log(`   ${line}`)
}

console.log('\nsummary')
for (const { drill, result, seconds } of results)
  console.log(
    `  ${result.pass ? 'PASS' : 'FAIL'}  ${drill.name.padEnd(16)} ${seconds.toFixed(0).padStart(4)} s  ${result.figures[0]}`,
  )
process.exitCode = results.every(({ result }) => result.pass) ? 0 : 1
