// Child process of overhead.ts: an authenticated service route (it verifies the token itself, as every
// FocusHub service does) and the JWKS it and the gateway verify against. Prints its addresses as JSON.
import {
  accessTokenType,
  authenticatePlugin,
  createApp,
  createRemoteTokenVerifier,
  currentUser,
  type TokenVerifier,
} from '@focushub/shared'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'

const issuer = 'focushub-auth'
const audience = 'focushub'
const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' })
const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' }
const token = await new SignJWT({ role: 'user' })
  .setProtectedHeader({ alg: 'EdDSA', kid: 'bench', typ: accessTokenType })
  .setIssuer(issuer)
  .setAudience(audience)
  .setSubject('01937a2b-0000-7000-8000-00000000000a')
  .setJti('bench-jti')
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(privateKey)

const app = createApp({ service: 'bench-service', logLevel: 'warn' })
let verify: TokenVerifier = async () => Promise.reject(new Error('not listening yet'))
await app.register(authenticatePlugin, { verify: (token) => verify(token) })
app.get('/auth/.well-known/jwks.json', async () => ({ keys: [jwk] }))
app.get('/tasks', { onRequest: app.authenticate }, async (request) => ({
  items: [
    { id: '01937a2b-0000-7000-8000-000000000001', title: 'Write the report', owner: currentUser(request).userId },
  ],
  nextCursor: null,
}))
await app.listen({ port: 0, host: '127.0.0.1' })
const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
const jwksUrl = `${url}/auth/.well-known/jwks.json`
verify = createRemoteTokenVerifier({ jwksUrl, issuer, audience })

process.stdout.write(`${JSON.stringify({ url, jwksUrl, token, issuer, audience })}\n`)
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
