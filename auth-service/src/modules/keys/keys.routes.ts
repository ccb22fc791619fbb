import { type App, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import { publicJwks, type SigningKeys } from './signing-keys.ts'

const PublicJwk = Type.Object({
  kty: Type.String(),
  crv: Type.String(),
  x: Type.String(),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.String(),
})

/** GET /auth/.well-known/jwks.json: the current and the previous public key, so rotation needs no downtime. */
export async function keysRoutes(app: App, { keys }: { keys: SigningKeys }) {
  routeScope(app, { tags: ['identity'], access: 'public' })
  const body = publicJwks(keys)
  app.get(
    '/auth/.well-known/jwks.json',
    {
      schema: {
        summary: 'Public keys that verify access tokens (JWKS)',
        response: { 200: Type.Object({ keys: Type.Array(PublicJwk) }) },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(body),
  )
}
