import { randomBytes } from 'node:crypto'
import bcrypt from 'bcrypt'
import { normalizePassword, unverifiablePassword } from './password-policy.ts'

export interface PasswordHasher {
  hash(password: string): Promise<string>
  /**
   * True when `password` matches `hash`. With no hash (unknown or deleted account) it still spends
   * one bcrypt comparison against a dummy hash, so the answer takes the same time either way.
   */
  verify(password: string, hash: string | null | undefined): Promise<boolean>
}

export async function createPasswordHasher(cost: number): Promise<PasswordHasher> {
  const dummyHash = await bcrypt.hash(randomBytes(16).toString('hex'), cost)
  return {
    hash: (password) => bcrypt.hash(normalizePassword(password), cost),
    async verify(password, hash) {
      const candidate = unverifiablePassword(password) ? randomBytes(16).toString('hex') : normalizePassword(password)
      const matches = await bcrypt.compare(candidate, hash ?? dummyHash)
      return matches && Boolean(hash)
    },
  }
}
