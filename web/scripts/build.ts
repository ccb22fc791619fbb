// The web app's production build: Vite writes web/dist, which NGINX serves at /. Skipped when the
// sources it was built from are unchanged (a hash of them is kept in dist/.inputs), so `./focushub up`
// and `./focushub test` pay for it only after a change.
//
// Run: npm run build -w @focushub/web   (about 2 s when something changed)
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'

const web = new URL('../', import.meta.url).pathname
const stamp = join(web, 'dist', '.inputs')

function inputsHash() {
  const files = [
    ...readdirSync(join(web, 'src'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name)),
    ...['index.html', 'vite.config.ts', 'package.json', '../package-lock.json'].map((file) => join(web, file)),
    import.meta.filename,
  ].sort()
  const hash = createHash('sha256')
  for (const file of files) hash.update(file).update(readFileSync(file))
  return hash.digest('hex')
}

const started = performance.now()
const hash = inputsHash()
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  console.log('web app up to date')
} else {
  await build({ root: web, logLevel: 'warn' })
  writeFileSync(stamp, hash)
  console.log(`built the web app in ${Math.round(performance.now() - started)} ms`)
}
