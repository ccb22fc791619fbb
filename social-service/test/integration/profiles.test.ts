import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectProblem, newPerson, type Person, send, startSocialService, type TestService } from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService()
})
afterAll(() => service.close())

const patchMe = (person: Person, body: object, headers: Record<string, string> = {}) =>
  send(service, person, 'PATCH', '/social/me', { body, headers })

describe('my social profile', () => {
  it('answers my profile with its defaults and version as the ETag, made even before my auth profile arrives', async () => {
    const id = randomUUID()
    const newcomer = { id, headers: await service.bearer(id) }
    const response = await send(service, newcomer, 'GET', '/social/me')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      userId: newcomer.id,
      handle: null,
      displayName: null,
      whoMayFollow: 'everyone',
      whoMayMessage: 'everyone',
      milestonePosts: false,
      version: 1,
    })
    expect(response.headers.etag).toBe('"1"')
  })

  it('shows my display name from my auth profile', async () => {
    const ada = await newPerson(service, 'Ada Lovelace')
    expect((await send(service, ada, 'GET', '/social/me')).json()).toMatchObject({ displayName: 'Ada Lovelace' })
  })

  it('changes handle and privacy at the version I read; a stale If-Match answers 412', async () => {
    const ada = await newPerson(service)
    const handle = `ada_${randomUUID().slice(0, 8)}`
    const changed = await patchMe(
      ada,
      { handle, whoMayFollow: 'nobody', whoMayMessage: 'friends' },
      { 'if-match': '"1"' },
    )
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ handle, whoMayFollow: 'nobody', whoMayMessage: 'friends', version: 2 })
    expect(changed.headers.etag).toBe('"2"')
    expectProblem(await patchMe(ada, { handle: null }, { 'if-match': '"1"' }), 412, 'precondition-failed')
    expectProblem(await patchMe(ada, { handle: null, version: 1 }), 412, 'precondition-failed')
    const cleared = await patchMe(ada, { handle: null, version: 2 })
    expect(cleared.json()).toMatchObject({ handle: null, whoMayFollow: 'nobody', version: 3 })
  })

  it('keeps handles unique whatever their case (409 handle-taken)', async () => {
    const [ada, grace] = [await newPerson(service), await newPerson(service)]
    const handle = `Same_${randomUUID().slice(0, 8)}`
    expect((await patchMe(ada, { handle })).statusCode).toBe(200)
    expectProblem(await patchMe(grace, { handle: handle.toLowerCase() }), 409, 'handle-taken')
    expect((await patchMe(ada, { handle: handle.toUpperCase() })).json().handle).toBe(handle.toUpperCase())
  })

  it('refuses a malformed handle, an unknown field, an empty change and no token', async () => {
    const ada = await newPerson(service)
    for (const handle of ['ab', 'a'.repeat(31), 'has space', 'dash-es', 'émile'])
      expectProblem(await patchMe(ada, { handle }), 400, 'validation-failed')
    expectProblem(await patchMe(ada, { whoMayFollow: 'friends' }), 400, 'validation-failed')
    expectProblem(await patchMe(ada, { role: 'admin' }), 400, 'validation-failed')
    expectProblem(await patchMe(ada, {}), 400, 'validation-failed')
    expectProblem(await service.app.inject({ method: 'GET', url: '/social/me' }), 401, 'unauthorized')
    expectProblem(await service.app.inject({ method: 'GET', url: '/social/people?q=ad' }), 401, 'unauthorized')
  })
})

describe('people search', () => {
  const search = async (person: Person, q: string) => {
    const response = await send(service, person, 'GET', `/social/people?q=${encodeURIComponent(q)}`)
    expect(response.statusCode, response.body).toBe(200)
    return (response.json().items as { userId: string }[]).map((item) => item.userId)
  }

  it('finds people by the start of their display name or handle, whatever its case, in that order', async () => {
    const tag = `zq${randomUUID().slice(0, 6)}`
    const me = await newPerson(service, `${tag} Me`)
    const bea = await newPerson(service, `${tag.toUpperCase()} Bea`)
    const cal = await newPerson(service, 'Cal')
    const amy = await newPerson(service, `${tag} Amy`)
    await patchMe(cal, { handle: `${tag}_cal` })
    expect(await search(me, tag)).toEqual([amy.id, bea.id, cal.id])
    expect(await search(me, `${tag} b`)).toEqual([bea.id])
    const found = await send(service, me, 'GET', `/social/people?q=${tag}_c`)
    expect(found.json().items).toEqual([{ userId: cal.id, handle: `${tag}_cal`, displayName: 'Cal' }])
    expect(await search(me, `${tag}x`)).toEqual([])
  })

  it('takes % and _ literally and leaves out people blocked either way', async () => {
    const tag = `zw${randomUUID().slice(0, 6)}`
    const me = await newPerson(service, `${tag} Me`)
    const blockedByMe = await newPerson(service, `${tag} One`)
    const blocksMe = await newPerson(service, `${tag} Two`)
    const other = await newPerson(service, `${tag} Three`)
    expect(await search(me, tag)).toHaveLength(3)
    await send(service, me, 'PUT', `/social/blocks/${blockedByMe.id}`)
    await send(service, blocksMe, 'PUT', `/social/blocks/${me.id}`)
    expect(await search(me, tag)).toEqual([other.id])
    expect(await search(blockedByMe, tag)).not.toContain(me.id)
    expect(await search(blocksMe, tag)).not.toContain(me.id)
    expect(await search(me, `${tag.slice(0, 2)}%`)).toEqual([])
    expect(await search(me, `${tag.slice(0, 2)}_${tag.slice(3)}`)).toEqual([])
  })

  it('refuses a query under 2 characters, a blank one and a limit over 50', async () => {
    const me = await newPerson(service)
    expectProblem(await send(service, me, 'GET', '/social/people?q=a'), 400, 'validation-failed')
    expectProblem(await send(service, me, 'GET', '/social/people?q=%20%20'), 400, 'validation-failed')
    expectProblem(await send(service, me, 'GET', '/social/people'), 400, 'validation-failed')
    expectProblem(await send(service, me, 'GET', '/social/people?q=ab&limit=51'), 400, 'validation-failed')
  })
})
