import { contextFor } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import { v7 as uuidv7 } from 'uuid'
import type { AuthContext } from '../../context.ts'
import { recordUserEvent } from '../../events/user-events.ts'
import { passwordProblems } from '../accounts/password-policy.ts'
import { insertAudit } from '../audit/audit.repository.ts'
import { findUserByEmail, insertUserUnlessEmailTaken } from '../users/users.repository.ts'

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no account has that e-mail.
 * Idempotent across restarts, and across replicas starting together (INSERT … ON CONFLICT DO NOTHING).
 * An existing account with that e-mail is left as it is: configuration never promotes a stranger.
 */
export async function ensureBootstrapAdmin(ctx: AuthContext) {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = ctx.config
  if (!email) return
  const problems = passwordProblems(password, 'ADMIN_PASSWORD')
  if (problems.length > 0) throw new Error(`ADMIN_PASSWORD ${problems[0].message} (ADMIN_EMAIL is set)`)
  const existing = await findUserByEmail(ctx.db, email)
  if (existing) {
    if (existing.role !== 'admin') ctx.log.warn({ userId: existing.id }, 'ADMIN_EMAIL belongs to a non-admin account')
    return
  }
  const passwordHash = await ctx.passwords.hash(password)
  const requestId = `startup-${uuidv7()}`
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const data = { email, displayName: 'Administrator', role: 'admin' as const, timezone: 'UTC', dayStartHour: 0 }
    const created = await insertUserUnlessEmailTaken(trx, { ...data, passwordHash })
    if (!created) return
    const { id } = created
    recordUserEvent(work, 'auth.user.registered', data, { userId: id, requestId })
    await insertAudit(
      trx,
      { actorId: null, action: 'admin.bootstrapped', targetUserId: id, details: {} },
      contextFor({ userId: id, requestId }),
    )
    ctx.log.info({ userId: id }, 'bootstrap admin created')
  })
}
