import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { findUndeclaredImports, importsOf } from '../check-dependencies.ts'

let root: string | undefined

/** A repository of one workspace `app` with these files (paths relative to the repository). */
function repository(files: Record<string, unknown>) {
  root = mkdtempSync(join(tmpdir(), 'check-dependencies-'))
  const all = { 'package.json': { name: 'repo', workspaces: ['app'] }, ...files }
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content))
  }
  return root
}

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true })
  root = undefined
})

describe('importsOf', () => {
  it('finds every import form, by package name, and tells type-only ones apart', () => {
    const source = [
      "import Fastify from 'fastify'",
      "import type { Redis } from 'ioredis'",
      "import { type Kysely, sql } from 'kysely'",
      "import {\n  a,\n  b,\n} from '@scope/pkg/sub/path'",
      "export * from 'typebox/compile'",
      "export type { T } from 'only-types'",
      "import 'side-effect'",
      "const lazy = await import('lazy')",
      "import { readFileSync } from 'node:fs'",
      "import { join } from 'path'",
      "import { local } from './local.ts'",
      "// import { commented } from 'commented-out'",
    ].join('\n')
    expect(Object.fromEntries(importsOf(source))).toEqual({
      fastify: { typeOnly: false },
      ioredis: { typeOnly: true },
      kysely: { typeOnly: false },
      '@scope/pkg': { typeOnly: false },
      typebox: { typeOnly: false },
      'only-types': { typeOnly: true },
      'side-effect': { typeOnly: false },
      lazy: { typeOnly: false },
    })
  })
})

describe('findUndeclaredImports', () => {
  it('names each package a workspace imports without declaring it', () => {
    const at = repository({
      'app/package.json': {
        name: '@repo/app',
        dependencies: { fastify: '^5' },
        devDependencies: { ioredis: '^6', '@types/ws': '^8', kysely: '^0.29' },
      },
      'app/src/server.ts': "import Fastify from 'fastify'\nimport { sql } from 'kysely'\nimport { x } from 'kafkajs'\n",
      'app/src/nested/types.ts': "import type { Redis } from 'ioredis'\nimport type { WebSocket } from 'ws'\n",
      'app/src/self.ts': "import { y } from '@repo/app'\n",
    })
    expect(findUndeclaredImports(at)).toEqual(
      expect.arrayContaining([
        { workspace: 'app', file: 'app/src/server.ts', packageName: 'kysely' },
        { workspace: 'app', file: 'app/src/server.ts', packageName: 'kafkajs' },
      ]),
    )
    expect(findUndeclaredImports(at)).toHaveLength(2)
  })

  it('lets test helpers under src/testing import development dependencies', () => {
    const at = repository({
      'app/package.json': { name: 'app', devDependencies: { vitest: '^5' } },
      'app/src/testing/problems.ts': "import { expect } from 'vitest'\n",
      'app/src/app.ts': "import { expect } from 'vitest'\n",
    })
    expect(findUndeclaredImports(at)).toEqual([{ workspace: 'app', file: 'app/src/app.ts', packageName: 'vitest' }])
  })
})
