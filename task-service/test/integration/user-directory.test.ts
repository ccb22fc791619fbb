import { requireServiceCaller } from '@focushub/shared/auth'
import { createApp } from '@focushub/shared/http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserDirectory } from '../../src/modules/members/user-directory.ts'

/** auth-service's internal route stood in over real HTTP, guarded as auth-service guards it. */
const secret = 'task-service-secret-of-the-test'
const directory = createApp({ service: 'auth-stand-in', logLevel: 'silent' })
const seen: (string | undefined)[] = []
let url: string

beforeAll(async () => {
  directory.get(
    '/internal/users/by-email',
    { onRequest: requireServiceCaller(`task-service:${secret}`) },
    async (request, reply) => {
      seen.push(request.headers.authorization)
      const { email } = request.query as { email: string }
      if (email === 'grace@example.com') return { id: 'grace-id', displayName: 'Grace' }
      return reply.code(404).send({ title: 'Not Found' })
    },
  )
  await directory.listen({ port: 0, host: '127.0.0.1' })
  url = `http://127.0.0.1:${(directory.server.address() as { port: number }).port}`
})
afterAll(() => directory.close())

describe('the user directory (auth-service’s internal look-up)', () => {
  it('asks with task-service’s own service credential, never the user’s token', async () => {
    const users = createUserDirectory({ authServiceUrl: url, timeoutMs: 2000, secret })
    expect(await users.findByEmail('grace@example.com', 'Bearer a-user-token')).toEqual({
      id: 'grace-id',
      displayName: 'Grace',
    })
    expect(await users.findByEmail('nobody@example.com', 'Bearer a-user-token')).toBeNull()
    expect(seen.at(-1)).toMatch(/^Basic /)
    expect(seen).not.toContain('Bearer a-user-token')
  })

  it('answers 502 when auth-service refuses its credential', async () => {
    const users = createUserDirectory({ authServiceUrl: url, timeoutMs: 2000, secret: 'not-the-secret-at-all' })
    await expect(users.findByEmail('grace@example.com', 'Bearer a-user-token')).rejects.toMatchObject({ status: 502 })
  })
})
