import { createHash, randomBytes } from 'node:crypto'

/** 32 random bytes, base64url: 43 characters, unguessable. Only its hash is stored. */
export const newPublicToken = () => randomBytes(32).toString('base64url')

export const publicTokenPattern = '^[A-Za-z0-9_-]{43}$'

export const hashPublicToken = (token: string) => createHash('sha256').update(token).digest('hex')
