import Type from 'typebox'
import { HttpUrl } from '../config.ts'

/** Claims every FocusHub access token carries: who issued it and for whom. Signer and verifiers read the same. */
export const accessTokenConfig = {
  AUTH_TOKEN_ISSUER: Type.String({ minLength: 1, maxLength: 200, default: 'focushub-auth' }),
  AUTH_TOKEN_AUDIENCE: Type.String({ minLength: 1, maxLength: 200, default: 'focushub' }),
}

/** Where a verifying process finds auth-service's public keys. */
export const jwksConfig = {
  AUTH_JWKS_URL: HttpUrl('http://127.0.0.1:3001/auth/.well-known/jwks.json'),
}
