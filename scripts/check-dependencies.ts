// Fails when a workspace's src imports a package its package.json does not declare. npm's hoisting
// would let such an import work here and break in a container that installs one workspace alone.
// A runtime import must be in `dependencies`; a type-only one (`import type`, `export type`) may be
// in `devDependencies`, or name its `@types/` package there, and so may anything shared's test helpers
// (`src/testing/`, loaded by tests only) import. Node's built-ins and relative paths are not packages.
//
// Run: node scripts/check-dependencies.ts   (npm run check:dependencies; part of npm test)
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface UndeclaredImport {
  workspace: string
  file: string
  packageName: string
}

interface Manifest {
  name?: string
  workspaces?: string[]
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest

/** `import … from 'x'`, `export … from 'x'`, `import 'x'` and `import('x')`, with whether only types come in. */
const importPattern =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[\w*${},\s]*?\s*from\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
}

function packageOf(specifier: string) {
  if (/^[./#]/.test(specifier) || specifier.startsWith('node:')) return undefined
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')
  return builtinModules.includes(name) ? undefined : name
}

/** Every package a source imports, each with whether all its imports are type-only. */
export function importsOf(source: string): Map<string, { typeOnly: boolean }> {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const found = new Map<string, { typeOnly: boolean }>()
  for (const match of code.matchAll(importPattern)) {
    const name = packageOf(match[2] ?? match[3])
    if (!name) continue
    const typeOnly = Boolean(match[1]) && (found.get(name)?.typeOnly ?? true)
    found.set(name, { typeOnly })
  }
  return found
}

export function findUndeclaredImports(root: string): UndeclaredImport[] {
  const findings: UndeclaredImport[] = []
  for (const workspace of readManifest(root).workspaces ?? []) {
    const manifest = readManifest(join(root, workspace))
    const runtime = new Set([
      manifest.name,
      ...Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }),
    ])
    const devToo = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {})])
    for (const file of sourceFiles(join(root, workspace, 'src'))) {
      const testOnly = relative(join(root, workspace, 'src'), file).startsWith('testing/')
      for (const [packageName, { typeOnly }] of importsOf(readFileSync(file, 'utf8'))) {
        const declared = typeOnly
          ? devToo.has(packageName) || devToo.has(`@types/${packageName.replace('@', '').replace('/', '__')}`)
          : (testOnly ? devToo : runtime).has(packageName)
        if (!declared) {
          findings.push({ workspace, file: relative(root, file), packageName })
        }
      }
    }
  }
  return findings
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const findings = findUndeclaredImports(fileURLToPath(new URL('../', import.meta.url)))
  for (const { workspace, file, packageName } of findings) {
    console.error(`${file}: imports ${packageName}, which ${workspace}/package.json does not declare`)
  }
  if (findings.length > 0) process.exit(1)
  console.log('every workspace declares the packages its src imports')
}
