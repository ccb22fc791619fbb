import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserDirectory, requireServiceCaller } from '../../src/auth/index.ts'
import { createApp } from '../../src/http/index.ts'

/** auth-service's internal route stood in over real HTTP, guarded as auth-service guards it. */
const secret = 'focus-service-secret-of-the-test'
const directory = createApp({ service: 'auth-stand-in', logLevel: 'silent' })
const seen: (string | undefined)[] = []
let url: string

beforeAll(async () => {
  directory.get(
    '/internal/users/by-email',
    { onRequest: requireServiceCaller(`task-service:another-secret-of-the-test,focus-service:${secret}`) },
    async (request, reply) => {
      seen.push(request.headers.authorization)
      const { email } = request.query as { email: string }
      if (email === 'grace@example.com') return { id: 'grace-id', displayName: 'Grace' }
      if (email === 'broken@example.com') return reply.code(500).send({ title: 'Internal Server Error' })
      return reply.code(404).send({ title: 'Not Found' })
    },
  )
  await directory.listen({ port: 0, host: '127.0.0.1' })
  url = `http://127.0.0.1:${(directory.server.address() as { port: number }).port}`
})
afterAll(() => directory.close())

const directoryOf = (service: string, serviceSecret: string, authServiceUrl = url) =>
  createUserDirectory({ authServiceUrl, timeoutMs: 2000, service, secret: serviceSecret })

describe('the user directory (auth-service’s internal look-up)', () => {
  it('asks as the named service with its own credential, and finds a user or nobody', async () => {
    const users = directoryOf('focus-service', secret)
    expect(await users.findByEmail('grace@example.com')).toEqual({ id: 'grace-id', displayName: 'Grace' })
    expect(await users.findByEmail('nobody@example.com')).toBeNull()
    const [service, presented] = Buffer.from(seen.at(-1)!.replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':')
    expect({ service, presented }).toEqual({ service: 'focus-service', presented: secret })
  })

  it('answers 502 when auth-service refuses the credential or fails', async () => {
    await expect(
      directoryOf('focus-service', 'not-the-secret-at-all').findByEmail('grace@example.com'),
    ).rejects.toMatchObject({
      status: 502,
    })
    await expect(directoryOf('task-service', secret).findByEmail('grace@example.com')).rejects.toMatchObject({
      status: 502,
    })
    await expect(directoryOf('focus-service', secret).findByEmail('broken@example.com')).rejects.toMatchObject({
      status: 502,
    })
  })

  it('answers 503 when auth-service cannot be reached', async () => {
    const offline = directoryOf('focus-service', secret, 'http://127.0.0.1:9')
    await expect(offline.findByEmail('grace@example.com')).rejects.toMatchObject({ status: 503 })
  })
})
