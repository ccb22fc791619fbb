// Access-token verifications per second from one event loop: the shared
// verifier with local keys (as auth-service runs it) and with a cached remote JWKS (as other services do).
// Run: node bench/auth/verify.ts   (BENCH_SECONDS=3 per variant)
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { availableParallelism } from 'node:os'
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose'
import {
  createRemoteTokenVerifier,
  createTokenVerifier,
  type TokenVerifier,
} from '../../shared/src/auth/token-verifier.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 3)
const issuer = 'focushub-auth'
const audience = 'focushub'
const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
const publicJwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' }
const token = await new SignJWT({ role: 'user' })
  .setProtectedHeader({ alg: 'EdDSA', kid: 'bench', typ: 'at+jwt' })
  .setIssuer(issuer)
  .setAudience(audience)
  .setSubject('01937a2b-0000-7000-8000-00000000000a')
  .setJti('bench-jti')
  .setIssuedAt()
  .setExpirationTime('15m')
  .sign(privateKey)

const server = createServer((_request, response) => response.end(JSON.stringify({ keys: [publicJwk] })))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`

/** `inFlight` verifications at a time: jose verifies through WebCrypto, whose work runs on libuv's thread pool. */
async function measure(name: string, verify: TokenVerifier, inFlight = 1) {
  for (let i = 0; i < 500; i++) await verify(token)
  let count = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) await Promise.all(Array.from({ length: inFlight }, () => verify(token)))
    count += 100 * inFlight
  }
  const elapsed = (performance.now() - started) / 1000
  const perSecond = count / elapsed
  console.log(
    `  ${name.padEnd(24)} ${perSecond.toFixed(0).padStart(8)} verifications/s   ${(1e6 / perSecond).toFixed(1)} µs each`,
  )
}

console.log(`token verification, one event loop, ${seconds} s per variant`)
await measure('local JWKS', createTokenVerifier({ keys: createLocalJWKSet({ keys: [publicJwk] }), issuer, audience }))
await measure('remote JWKS (cached)', createRemoteTokenVerifier({ jwksUrl, issuer, audience }))
const local = createTokenVerifier({ keys: createLocalJWKSet({ keys: [publicJwk] }), issuer, audience })
await measure('local JWKS, 16 in flight', local, 16)
console.log(`  (cores on this machine: ${availableParallelism()}; the in-flight figure may use more than one)`)
server.close()
