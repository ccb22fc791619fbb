import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/**
 * Webhook signing secrets at rest: they must be read back to sign, so they are encrypted rather than
 * hashed, with AES-256-GCM under a key held outside the database (WEBHOOK_SECRET_KEYS), bound to their
 * webhook (its id is the additional authenticated data: a secret copied onto another row does not open).
 * Stored as `v1:<key id>:<iv>:<ciphertext and tag>` (base64url). The first key seals; every key listed
 * opens, so a key is rotated by listing a new one first and keeping the old one until every secret has
 * been sealed again (`sealPlaintextSecrets` at start reseals those under an older key or none).
 */
export interface SecretBox {
  seal(secret: string, webhookId: string): string
  open(sealed: string, webhookId: string): string
  /** How a value sealed under the current key starts: one that does not is sealed again at start. */
  currentPrefix: string
}

const algorithm = 'aes-256-gcm'
const tagBytes = 16

/** `id:base64 key,…` (32-byte keys), as WEBHOOK_SECRET_KEYS holds them; the first is the current one. */
export function secretBox(keyList: string): SecretBox {
  const keys = new Map(
    keyList.split(',').map((entry) => {
      const [id, key] = entry.split(':')
      return [id, Buffer.from(key, 'base64')] as const
    }),
  )
  const [currentId] = keys.keys()
  const current = keys.get(currentId) as Buffer
  return {
    seal(secret, webhookId) {
      const iv = randomBytes(12)
      const cipher = createCipheriv(algorithm, current, iv, { authTagLength: tagBytes })
      cipher.setAAD(Buffer.from(webhookId))
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()])
      return `v1:${currentId}:${iv.toString('base64url')}:${sealed.toString('base64url')}`
    },
    open(stored, webhookId) {
      // Written before secrets were sealed: read as it is until the start-up pass seals it.
      if (stored.startsWith('whsec_')) return stored
      const [version, id, iv, sealed] = stored.split(':')
      const key = keys.get(id)
      if (version !== 'v1' || !key) throw new Error(`a webhook secret sealed under an unknown key (${id})`)
      const bytes = Buffer.from(sealed, 'base64url')
      const decipher = createDecipheriv(algorithm, key, Buffer.from(iv, 'base64url'), { authTagLength: tagBytes })
      decipher.setAAD(Buffer.from(webhookId))
      decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes))
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - tagBytes)), decipher.final()]).toString()
    },
    currentPrefix: `v1:${currentId}:`,
  }
}
