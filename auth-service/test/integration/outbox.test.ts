import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, password, signedInUser, startAuthService, type TestService, uniqueEmail } from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

/** While the outbox refuses every row, the change must not happen either: one transaction. */
async function withBrokenOutbox(work: () => Promise<void>) {
  await sql`alter table outbox add constraint outbox_closed check (false) not valid`.execute(service.db)
  try {
    await work()
  } finally {
    await sql`alter table outbox drop constraint outbox_closed`.execute(service.db)
  }
}

describe('events share the transaction of their change', () => {
  it('registration', async () => {
    const email = uniqueEmail()
    await withBrokenOutbox(async () => {
      const response = await service.app.inject({
        method: 'POST',
        url: '/auth/register',
        payload: { email, password, displayName: 'A' },
      })
      expect(response.statusCode).toBe(500)
      expect(response.body).not.toContain('outbox')
    })
    expect(await service.db.selectFrom('users').where('email', '=', email).selectAll().execute()).toEqual([])
  })

  it('profile update and account deletion', async () => {
    const { user, session } = await signedInUser(service.app)
    await withBrokenOutbox(async () => {
      const headers = bearer(session.accessToken)
      await service.app.inject({ method: 'PATCH', url: '/auth/me', headers, payload: { displayName: 'Changed' } })
      await service.app.inject({ method: 'DELETE', url: '/auth/me', headers, payload: { password } })
    })
    const row = await service.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ display_name: 'Ada Lovelace', status: 'active', version: 1 })
    expect(row.password_hash).not.toBeNull()
  })
})
