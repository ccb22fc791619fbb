import { describe, expect, it } from 'vitest'
import { type Problem, ProblemError } from '../../src/api/problem.ts'
import { changesLists, handleMessage, personLabel, standingWith } from '../../src/people/people-text.ts'

const problem = (fields: Partial<Problem>) =>
  new ProblemError({ type: 'about:blank', title: 'Refused', status: 400, detail: 'Refused', ...fields })

describe('changesLists', () => {
  it('reads my lists again for a request to me, one of mine accepted, a new follower', () => {
    expect(['social.friend.requested', 'social.friend.accepted', 'social.user.followed'].map(changesLists)).toEqual([
      true,
      true,
      true,
    ])
  })

  it('leaves them alone for messages and everything else', () => {
    expect(['social.message.sent', 'social.conversation.typing', 'task.created', 'social'].map(changesLists)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })
})

describe('personLabel', () => {
  const userId = '0190e6f8-0000-7000-8000-00000000abcd'

  it('says the name and the handle', () => {
    expect(personLabel({ userId, displayName: 'Bea', handle: 'bea_k' })).toBe('Bea (@bea_k)')
  })

  it('says the name alone without a handle, and the end of the id before the name is known', () => {
    expect(personLabel({ userId, displayName: 'Bea', handle: null })).toBe('Bea')
    expect(personLabel({ userId, displayName: null, handle: null })).toBe('Someone …0000abcd')
  })
})

describe('standingWith', () => {
  const none = () => new Set<string>()
  const lists = { friends: none(), incoming: none(), outgoing: none(), following: none() }

  it('knows nothing of a stranger', () => {
    expect(standingWith('a', lists)).toEqual({ following: false, friendship: 'none' })
  })

  it('tells friends, requests each way and following apart', () => {
    const mine = {
      friends: new Set(['f']),
      incoming: new Set(['i']),
      outgoing: new Set(['o']),
      following: new Set(['f', 'o']),
    }
    expect(standingWith('f', mine)).toEqual({ following: true, friendship: 'friends' })
    expect(standingWith('i', mine)).toEqual({ following: false, friendship: 'asked-me' })
    expect(standingWith('o', mine)).toEqual({ following: true, friendship: 'asked-them' })
  })
})

describe('handleMessage', () => {
  it("says a taken handle with the API's detail, though it names no field", () => {
    const taken = problem({ status: 409, code: 'handle-taken', detail: 'Someone else has that handle' })
    expect(handleMessage(taken)).toBe('Someone else has that handle')
  })

  it("says the pattern's refusal in words, and another message of the field as the API gave it", () => {
    const pattern = problem({
      code: 'validation-failed',
      errors: [{ field: '/body/handle', message: 'must match pattern "^[A-Za-z0-9_]{3,30}$"' }],
    })
    expect(handleMessage(pattern)).toBe('Use 3 to 30 letters (a–z), digits or underscores, without spaces.')
    const other = problem({ code: 'validation-failed', errors: [{ field: '/body/handle', message: 'must be string' }] })
    expect(handleMessage(other)).toBe('must be string')
  })

  it('says nothing for a problem about another field, a stale version or no problem', () => {
    const follow = problem({ errors: [{ field: '/body/whoMayFollow', message: 'must be equal to constant' }] })
    expect(handleMessage(follow)).toBeUndefined()
    expect(handleMessage(problem({ status: 412, code: 'precondition-failed' }))).toBeUndefined()
    expect(handleMessage(new Error('offline'))).toBeUndefined()
    expect(handleMessage(undefined)).toBeUndefined()
  })
})
