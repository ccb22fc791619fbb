// Time per bcrypt hash at costs 10, 11 and 12 on this machine; BCRYPT_COST is the highest ≤ ~250 ms.
// Run: node bench/auth/bcrypt-cost.ts
import bcrypt from 'bcrypt'

const targetMs = 250
const rounds = Number(process.env.BENCH_ROUNDS ?? 6)
let chosen = 10
console.log('cost  ms/hash  (mean of %d)', rounds)
for (const cost of [10, 11, 12]) {
  await bcrypt.hash('warm-up password', cost)
  const started = performance.now()
  for (let i = 0; i < rounds; i++) await bcrypt.hash('correct horse battery', cost)
  const ms = (performance.now() - started) / rounds
  if (ms <= targetMs) chosen = cost
  console.log(`${String(cost).padEnd(5)} ${ms.toFixed(1).padStart(7)}`)
}
console.log(`highest cost at or under ${targetMs} ms: ${chosen}`)
