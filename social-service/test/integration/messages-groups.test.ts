import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { befriend, blockBetween, direct, eventsOf, group, letMessage, post } from './messages-support.ts'
import {
  consumed,
  deliverEvents,
  expectProblem,
  newPerson,
  type Person,
  send,
  startSocialService,
  type TestService,
} from './support.ts'

let service: TestService

beforeAll(async () => {
  service = await startSocialService()
})
afterAll(() => service.close())

const detail = (person: Person, id: string) => send(service, person, 'GET', `/social/conversations/${id}`)
const memberIds = async (person: Person, id: string) =>
  (await detail(person, id)).json().members.map((member: { user: { userId: string } }) => member.user.userId)
const add = (person: Person, id: string, ...people: Person[]) =>
  send(service, person, 'POST', `/social/conversations/${id}/members`, { body: { userIds: people.map((p) => p.id) } })

describe('groups', () => {
  it('are made with a title and members, each of whom is told of messages', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const created = await send(service, ann, 'POST', '/social/conversations', {
      body: { title: '  Exam prep ', memberIds: [bob.id, cat.id, ann.id] },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({
      kind: 'group',
      title: 'Exam prep',
      creatorId: ann.id,
      memberCount: 3,
      with: null,
    })
    const id = created.json().id
    await post(service, cat, id, 'hello all')
    const [event] = await eventsOf(service, 'social.message.sent', id)
    expect(event.data.audience?.slice().sort()).toEqual([ann.id, bob.id, cat.id].sort())
    expect(event.data.title).toBe('Exam prep')
  })

  it('refuses bad groups: no one else (422), over 49 others or a blank title (400)', async () => {
    const ann = await newPerson(service)
    const create = (body: object) => send(service, ann, 'POST', '/social/conversations', { body })
    expectProblem(await create({ title: 'Me', memberIds: [ann.id] }), 422, 'self-conversation')
    expectProblem(await create({ title: 'Big', memberIds: Array.from({ length: 50 }, randomUUID) }), 400)
    expectProblem(await create({ title: '  ', memberIds: [randomUUID()] }), 400)
    expectProblem(await create({ title: 'Ghost', memberIds: [randomUUID()] }), 404, 'not-found')
  })

  it('checks each added person as a one-to-one start: blocks 404, settings 403, 50 at most (409)', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const id = await group(service, ann, bob)
    const blocker = await newPerson(service)
    const blocked = await newPerson(service)
    const closed = await newPerson(service)
    const picky = await newPerson(service)
    await blockBetween(service, blocker, ann)
    await blockBetween(service, ann, blocked)
    await letMessage(service, closed, 'nobody')
    await letMessage(service, picky, 'friends')
    expectProblem(await add(ann, id, blocker), 404, 'not-found')
    expectProblem(await add(ann, id, blocked), 404, 'not-found')
    expectProblem(await add(ann, id, closed), 403, 'messages-closed')
    expectProblem(await add(ann, id, picky), 403, 'messages-friends-only')
    expectProblem(
      await send(service, ann, 'POST', '/social/conversations', {
        body: { title: 't', memberIds: [bob.id, blocker.id] },
      }),
      404,
    )
    await befriend(service, ann, picky)
    const added = await add(ann, id, picky, bob)
    expect(added.statusCode, added.body).toBe(200)
    expect(added.json().memberCount).toBe(3)

    const crowd = await Promise.all(Array.from({ length: 47 }, () => newPerson(service)))
    expect((await add(ann, id, ...crowd)).json().memberCount).toBe(50)
    expectProblem(await add(ann, id, await newPerson(service)), 409, 'group-full')
  })

  it('lets only the creator add or remove (403 for members); a removed member sees nothing more (404)', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const id = await group(service, ann, bob, cat)
    const dan = await newPerson(service)
    expectProblem(await add(bob, id, dan), 403, 'not-group-creator')
    expectProblem(
      await send(service, bob, 'DELETE', `/social/conversations/${id}/members/${cat.id}`),
      403,
      'not-group-creator',
    )
    const messageId = await post(service, ann, id, 'before dan')
    expect((await add(ann, id, dan)).statusCode).toBe(200)
    const dansView = await detail(dan, id)
    expect(dansView.json()).toMatchObject({ unreadCount: 0, lastMessage: { id: messageId } })
    expectProblem(await send(service, ann, 'DELETE', `/social/conversations/${id}/members/${randomUUID()}`), 404)
    expect((await send(service, ann, 'DELETE', `/social/conversations/${id}/members/${cat.id}`)).statusCode).toBe(204)
    expectProblem(await detail(cat, id), 404, 'not-found')
    expectProblem(await send(service, cat, 'GET', `/social/conversations/${id}/messages`), 404, 'not-found')
    expect((await detail(ann, id)).json().memberCount).toBe(3)
  })

  it('can be left by anyone; the creator leaving passes the group on; the last one out deletes it', async () => {
    const ann = await newPerson(service)
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const id = await group(service, ann, bob, cat)
    await post(service, bob, id, 'bye soon')
    const leave = (person: Person) => send(service, person, 'POST', `/social/conversations/${id}/leave`)
    expect((await leave(ann)).statusCode).toBe(204)
    expectProblem(await leave(ann), 404, 'not-found')
    const after = (await detail(bob, id)).json()
    expect(after.memberCount).toBe(2)
    expect([bob.id, cat.id]).toContain(after.creatorId)
    expect(await memberIds(bob, id)).not.toContain(ann.id)
    await leave(bob)
    await leave(cat)
    expect(await service.db.selectFrom('messages').select('id').where('conversation_id', '=', id).execute()).toEqual([])
    const one = await direct(service, ann, bob)
    expectProblem(await send(service, ann, 'POST', `/social/conversations/${one}/leave`), 422, 'not-a-group')
    expectProblem(await add(ann, one, cat), 422, 'not-a-group')
  })
})

describe('account deletion', () => {
  it("empties a deleted user's messages (author null), takes them out of every conversation", async () => {
    const gone = await newPerson(service, 'Gone')
    const bob = await newPerson(service)
    const cat = await newPerson(service)
    const one = await direct(service, gone, bob)
    const id = await group(service, gone, bob, cat)
    const solo = await group(service, gone, cat)
    await send(service, cat, 'POST', `/social/conversations/${solo}/leave`)
    const theirs = await post(service, gone, one, 'private words')
    await post(service, gone, id, 'group words')
    const kept = await post(service, bob, one, 'my own words')

    await deliverEvents(service, [consumed('auth.user.deleted', gone.id, {})])

    const messages = (await send(service, bob, 'GET', `/social/conversations/${one}/messages`)).json().items
    expect(messages).toEqual([
      expect.objectContaining({ id: kept, authorId: bob.id, body: 'my own words' }),
      expect.objectContaining({ id: theirs, authorId: null, body: '', deletedAt: expect.any(String) }),
    ])
    const rows = await service.db.selectFrom('messages').select('body').where('body', 'like', '%words').execute()
    expect(rows.map((row) => row.body)).toEqual(['my own words'])
    expect(
      await service.db
        .selectFrom('conversation_members')
        .select('conversation_id')
        .where('user_id', '=', gone.id)
        .execute(),
    ).toEqual([])
    const groupView = (await detail(bob, id)).json()
    // Members who joined together: the lower id is the longer member.
    expect(groupView).toMatchObject({ memberCount: 2, creatorId: [bob.id, cat.id].sort()[0] })
    expect(await service.db.selectFrom('conversations').select('id').where('id', '=', solo).execute()).toEqual([])
    expectProblem(
      await send(service, bob, 'POST', `/social/conversations/${one}/messages`, { body: { body: 'hello?' } }),
      404,
    )
  })
})
