import { createHash, randomBytes } from 'node:crypto'

/**
 * An opaque token: 32 random bytes, base64url (43 characters). A refresh token as it is; a personal access or
 * calendar token after its prefix (modules/tokens).
 */
export const newOpaqueToken = () => randomBytes(32).toString('base64url')

/** Only this digest is stored: a leaked table holds nothing a client could present. */
export const hashOpaqueToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

export const refreshTokenPattern = '^[A-Za-z0-9_-]{43}$'
