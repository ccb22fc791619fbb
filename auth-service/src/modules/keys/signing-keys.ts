import { randomUUID } from 'node:crypto'
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'

export const signingAlgorithm = 'EdDSA'
const currentFile = 'current.jwk.json'
const previousFile = 'previous.jwk.json'

/** What the JWKS route publishes of a key: its public half only. */
export interface PublicJwk {
  kty: string
  crv: string
  x: string
  kid: string
  alg: string
  use: string
}

export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  publicJwk: PublicJwk
}

export interface SigningKeys {
  /** Signs every new access token. */
  current: SigningKey
  /** Still published after a rotation, so tokens it signed stay valid until they expire. */
  previous?: SigningKey
}

/** A fresh Ed25519 key as a private JWK, its kid the RFC 7638 thumbprint of the public part. */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { crv: 'Ed25519', extractable: true })
  const jwk = await exportJWK(privateKey)
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x })
  return { ...jwk, kid, alg: signingAlgorithm, use: 'sig' }
}

async function toSigningKey(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || !jwk.d || !jwk.kid) {
    throw new Error('a signing key file must hold a private Ed25519 JWK with a kid')
  }
  const privateKey = (await importJWK(jwk, signingAlgorithm)) as CryptoKey
  const { kid, x } = jwk
  return { kid, privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid, alg: signingAlgorithm, use: 'sig' } }
}

async function readJwk(path: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`cannot read signing key ${path}: ${(error as Error).message}`)
  }
}

/** Writes a key file readable by its owner only; `replace` false never overwrites (first writer wins). */
async function writeJwk(path: string, jwk: JWK, replace: boolean) {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(temporary, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' })
  await chmod(temporary, 0o600)
  try {
    if (replace) await rename(temporary, path)
    else await link(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await unlink(temporary).catch(() => {})
  }
}

/**
 * Loads the current (and previous) signing key from `dir`. With `generate`, a missing current key
 * is created first; concurrent starts agree on one key because the file is linked into place.
 */
export async function loadSigningKeys(dir: string, generate: boolean): Promise<SigningKeys> {
  const currentPath = join(dir, currentFile)
  if (!(await readJwk(currentPath))) {
    if (!generate) throw new Error(`no signing key at ${currentPath} and AUTH_GENERATE_KEYS is false`)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    await writeJwk(currentPath, await generateSigningJwk(), false)
  }
  const current = await toSigningKey((await readJwk(currentPath)) as JWK)
  const previousJwk = await readJwk(join(dir, previousFile))
  return { current, ...(previousJwk ? { previous: await toSigningKey(previousJwk) } : {}) }
}

/** current → previous, then a new current. Each file is replaced atomically, so readers never see a gap. */
export async function rotateSigningKeys(dir: string) {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const current = await readJwk(join(dir, currentFile))
  if (current) await writeJwk(join(dir, previousFile), current, true)
  const next = await generateSigningJwk()
  await writeJwk(join(dir, currentFile), next, true)
  return { current: next.kid as string, previous: current?.kid }
}

export function publicJwks(keys: SigningKeys) {
  return { keys: [keys.current, ...(keys.previous ? [keys.previous] : [])].map((key) => key.publicJwk) }
}
