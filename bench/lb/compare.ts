// Throughput and latency of the same GET load through NGINX → our balancer → 2 upstreams and
// through NGINX balancing the same 2 upstreams itself (upstream block, keepalive), in one run.
// Run: node bench/lb/compare.ts   (BENCH_SECONDS=5 per round, BENCH_ROUNDS=3, BENCH_CONNECTIONS=32,
// LB_ACCESS_LOG=false to measure without the balancer's access log)
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort, type LoadResult, load, logDir, median, startBalancer, startUpstream, stopAll } from './support.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
const path = '/api/v1/dashboard'

const [a, b] = await Promise.all([startUpstream('a'), startUpstream('b')])
const upstreams = [a, b].map((u) => `127.0.0.1:${u.port}`)
const lb = await startBalancer(upstreams.map((u) => `http://${u}`).join(','), {
  LB_ACCESS_LOG: process.env.LB_ACCESS_LOG ?? 'true',
})
const [viaLbPort, directPort] = [await freePort(), await freePort()]

const dir = logDir
const proxy = (name: string) => `
    location / {
      proxy_pass http://${name};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id $request_id;
    }`
await writeFile(
  join(dir, 'nginx.conf'),
  `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream focushub_lb { server 127.0.0.1:${lb.port}; keepalive 64; }
  upstream gateways { ${upstreams.map((u) => `server ${u};`).join(' ')} keepalive 64; }
  server { listen 127.0.0.1:${viaLbPort}; ${proxy('focushub_lb')} }
  server { listen 127.0.0.1:${directPort}; ${proxy('gateways')} }
}
`,
)
const nginx = spawn('/usr/sbin/nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir, '-g', 'daemon off;'], {
  stdio: 'inherit',
})
await sleep(300)

const paths = {
  'nginx → focushub LB → 2 upstreams': `http://127.0.0.1:${viaLbPort}`,
  'nginx → 2 upstreams (upstream block)': `http://127.0.0.1:${directPort}`,
}
const results: Record<string, LoadResult[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]))
try {
  for (const url of Object.values(paths)) await load(url, path, 1, connections)
  console.log(`GET ${path}, ${connections} connections, ${seconds} s per round, ${rounds} rounds (alternating)`)
  for (let round = 1; round <= rounds; round++) {
    for (const [name, url] of Object.entries(paths)) {
      const result = await load(url, path, seconds, connections)
      results[name].push(result)
      console.log(
        `  round ${round}  ${name.padEnd(38)} ${result.perSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  failed ${result.failed}`,
      )
    }
  }
  console.log('medians')
  const summary = Object.entries(results).map(([name, list]) => {
    const rps = median(list.map((r) => r.perSecond))
    const p99 = median(list.map((r) => r.p99))
    console.log(`  ${name.padEnd(38)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${p99.toFixed(2)} ms`)
    return { rps, p99 }
  })
  const [ours, theirs] = summary
  const throughput = ours.rps / theirs.rps
  const tail = ours.p99 / theirs.p99
  console.log(
    `throughput ratio ${(throughput * 100).toFixed(1)} % (target ≥ 90 %)   p99 ratio ${tail.toFixed(2)}× (target ≤ 1.25×)`,
  )
} finally {
  nginx.kill('SIGQUIT')
  stopAll()
}
