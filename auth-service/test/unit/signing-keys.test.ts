import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadSigningKeys, publicJwks, rotateSigningKeys } from '../../src/modules/keys/signing-keys.ts'

let dir: string
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'focushub-keys-')), 'keys')
})
afterEach(() => rm(join(dir, '..'), { recursive: true, force: true }))

describe('signing keys on disk', () => {
  it('generates an Ed25519 key on first start, readable by its owner only', async () => {
    const keys = await loadSigningKeys(dir, true)
    const file = join(dir, 'current.jwk.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(dir)).mode & 0o777).toBe(0o700)
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      kid: keys.current.kid,
    })
    expect(keys.previous).toBeUndefined()
  })

  it('keeps the key across starts, and concurrent starts agree on one', async () => {
    const [a, b, c] = await Promise.all([
      loadSigningKeys(dir, true),
      loadSigningKeys(dir, true),
      loadSigningKeys(dir, true),
    ])
    expect(new Set([a.current.kid, b.current.kid, c.current.kid]).size).toBe(1)
    expect((await loadSigningKeys(dir, true)).current.kid).toBe(a.current.kid)
  })

  it('refuses to start without a key when generation is off', async () => {
    await expect(loadSigningKeys(dir, false)).rejects.toThrow(/AUTH_GENERATE_KEYS/)
  })

  it('rotates current to previous and publishes both, public halves only', async () => {
    const before = await loadSigningKeys(dir, true)
    const rotation = await rotateSigningKeys(dir)
    const after = await loadSigningKeys(dir, false)
    expect(rotation).toEqual({ current: after.current.kid, previous: before.current.kid })
    expect(after.previous?.kid).toBe(before.current.kid)
    const jwks = publicJwks(after)
    expect(jwks.keys.map((key) => key.kid)).toEqual([after.current.kid, before.current.kid])
    expect(JSON.stringify(jwks)).not.toContain('"d"')
    expect((await stat(join(dir, 'previous.jwk.json'))).mode & 0o777).toBe(0o600)
  })
})
