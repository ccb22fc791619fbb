// The production build of the Node processes: each `<workspace>/src/server.ts` with the workspace code
// and @focushub/shared it imports, bundled into one plain JavaScript file `<workspace>/dist/server.js`.
// Why: a process started from the TypeScript sources loads Node's type stripper (a WebAssembly module,
// ~15 MB per process) and every module of shared's barrel, used or not (the balancer loaded kafkajs, pg
// and kysely); the bundle has neither (docs/performance.md, "Memory"). Packages of node_modules stay
// imports, resolved from the workspace as before. `node <workspace>/src/server.ts` keeps working for
// development. dist/ sits beside src/ at the same depth, so `new URL('../../', import.meta.url)` still
// names the repository root.
//
// Run: node scripts/build.ts [workspace…]   (all eight processes and shared's tracing by default; about 1 s)
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'rolldown'

const root = new URL('../', import.meta.url).pathname
const processes = [
  'auth-service',
  'task-service',
  'focus-service',
  'habit-service',
  'notification-service',
  'social-service',
  'gateway',
  'load-balancer',
]

/**
 * What each build makes: a process's server, and `shared/dist/tracing.js`, the tracing every process
 * loads with `--import` before its server (shared/src/tracing/register.ts).
 */
const bundles: Record<string, { input: string; output: string }> = {
  ...Object.fromEntries(processes.map((workspace) => [workspace, { input: 'src/server.ts', output: 'server.js' }])),
  shared: { input: 'src/tracing/register.ts', output: 'tracing.js' },
}

/** The source files of the last build and their modification times, to skip a build that would change nothing. */
const inputsFile = (workspace: string) => join(root, workspace, 'dist', 'inputs.json')

function upToDate(workspace: string) {
  if (!existsSync(join(root, workspace, 'dist', bundles[workspace].output)) || !existsSync(inputsFile(workspace))) {
    return false
  }
  const inputs = JSON.parse(readFileSync(inputsFile(workspace), 'utf8')) as Record<string, number>
  return Object.entries(inputs).every(([file, mtime]) => existsSync(file) && statSync(file).mtimeMs === mtime)
}

async function bundle(workspace: string) {
  const output = await build({
    input: join(root, workspace, bundles[workspace].input),
    platform: 'node',
    cwd: root,
    // The workspace's own sources and shared's are bundled; every package is imported at run time.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@focushub/'),
    // A package imported only for a type or an unused re-export is not loaded at all.
    treeshake: { moduleSideEffects: (_id, external) => !external },
    output: { file: join(root, workspace, 'dist', bundles[workspace].output), format: 'esm', sourcemap: true },
    logLevel: 'warn',
  })
  const sources = output.output.flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : []))
  const inputs = Object.fromEntries(
    sources.filter((id) => id.startsWith('/') && existsSync(id)).map((id) => [id, statSync(id).mtimeMs]),
  )
  // What an import resolves to (the manifests' exports) and how the bundle is made count too.
  for (const file of [join(root, workspace, 'package.json'), join(root, 'shared/package.json'), import.meta.filename]) {
    inputs[file] = statSync(file).mtimeMs
  }
  mkdirSync(join(root, workspace, 'dist'), { recursive: true })
  writeFileSync(inputsFile(workspace), `${JSON.stringify(inputs, null, 1)}\n`)
}

const wanted = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(bundles)
for (const workspace of wanted) {
  if (!(workspace in bundles)) throw new Error(`${workspace} is not one of ${Object.keys(bundles).join(', ')}`)
}
const started = performance.now()
const built: string[] = []
for (const workspace of wanted) {
  if (upToDate(workspace)) continue
  await bundle(workspace)
  built.push(workspace)
}
const ms = Math.round(performance.now() - started)
console.log(built.length ? `built ${built.join(', ')} in ${ms} ms` : `up to date: ${wanted.join(', ')}`)
