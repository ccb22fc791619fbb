import { describe, expect, it } from 'vitest'
import { type Problem, ProblemError } from '../../src/api/problem.ts'
import {
  canChange,
  changesConversations,
  conversationTitle,
  isUnread,
  previewText,
  seenBy,
  seenText,
  startRefusal,
  typingText,
  typingThrottle,
  unreadTotal,
} from '../../src/messages/messages-text.ts'

const me = '0190e6f8-0000-7000-8000-00000000000a'
const ada = { userId: '0190e6f8-0000-7000-8000-0000000000ad', displayName: 'Ada' }
const bruno = { userId: '0190e6f8-0000-7000-8000-0000000000b0', displayName: 'Bruno' }
const problem = (fields: Partial<Problem>) =>
  new ProblemError({ type: 'about:blank', title: 'Refused', status: 400, detail: 'The API said no.', ...fields })

describe('changesConversations', () => {
  it('reads the conversations again for a message sent, edited, deleted or hidden and a read receipt', () => {
    const types = [
      'social.message.sent',
      'social.message.edited',
      'social.message.deleted',
      'social.conversation.read',
      'social.moderation.content_hidden',
    ]
    expect(types.map(changesConversations)).toEqual([true, true, true, true, true])
  })

  it('leaves them alone for typing, friend requests and everything else', () => {
    const types = ['social.conversation.typing', 'social.friend.requested', 'social.message', 'task.created']
    expect(types.map(changesConversations)).toEqual([false, false, false, false])
  })
})

describe('conversationTitle', () => {
  it('names a group by its title and a one-to-one by the other person', () => {
    expect(conversationTitle({ kind: 'group', title: 'Study group', with: null })).toBe('Study group')
    expect(conversationTitle({ kind: 'direct', title: null, with: ada })).toBe('Ada')
  })

  it('says a deleted account, and the end of an id for a profile not heard of yet', () => {
    expect(conversationTitle({ kind: 'direct', title: null, with: null })).toBe('Deleted account')
    expect(conversationTitle({ kind: 'direct', title: null, with: { ...ada, displayName: null } })).toBe(
      'Someone …000000ad',
    )
  })
})

describe('previewText', () => {
  it("marks my own last message, shows another's as it is, and says a deleted or hidden one", () => {
    expect(previewText({ authorId: me, body: 'see you', deleted: false }, me)).toBe('You: see you')
    expect(previewText({ authorId: ada.userId, body: '<b>hi</b>', deleted: false }, me)).toBe('<b>hi</b>')
    expect(previewText({ authorId: ada.userId, body: '', deleted: true }, me)).toBe('Message deleted')
    expect(previewText({ authorId: me, body: '', deleted: false, hidden: true }, me)).toBe(
      'Message hidden by a moderator',
    )
    expect(previewText(null, me)).toBe('No messages yet')
  })
})

describe('canChange', () => {
  const sent = '2026-12-07T10:00:00.000Z'
  const at = (minutes: number) => Date.parse(sent) + minutes * 60_000

  it('lets me change my message for 15 minutes after sending it', () => {
    const message = { authorId: me, createdAt: sent, deletedAt: null }
    expect(canChange(message, me, at(0))).toBe(true)
    expect(canChange(message, me, at(14.9))).toBe(true)
    expect(canChange(message, me, at(15))).toBe(false)
  })

  it("never someone else's, a deleted one or a deleted account's", () => {
    expect(canChange({ authorId: ada.userId, createdAt: sent, deletedAt: null }, me, at(1))).toBe(false)
    expect(canChange({ authorId: me, createdAt: sent, deletedAt: sent }, me, at(1))).toBe(false)
    expect(canChange({ authorId: null, createdAt: sent, deletedAt: sent }, me, at(1))).toBe(false)
  })
})

describe('seenBy and seenText', () => {
  // UUIDv7: the first 48 bits are the time, so a later message's id sorts after an earlier one's.
  const earlier = '0193a1b2-0000-7000-8000-000000000001'
  const mine = '0193a1b2-0001-7000-8000-000000000002'
  const later = '0193a1b3-0000-7000-8000-000000000003'
  const members = (adaRead: string | null, brunoRead: string | null) => [
    { user: { userId: me, displayName: 'Me' }, lastReadMessageId: mine },
    { user: ada, lastReadMessageId: adaRead },
    { user: bruno, lastReadMessageId: brunoRead },
  ]

  it('counts the others who read up to my message or past it, never me', () => {
    expect(seenBy(members(mine, later), me, mine).map(({ user }) => user.displayName)).toEqual(['Ada', 'Bruno'])
    expect(seenBy(members(earlier, null), me, mine)).toEqual([])
    expect(seenBy(members(earlier, later), me, mine).map(({ user }) => user.displayName)).toEqual(['Bruno'])
  })

  it('says "Seen" in a one-to-one, by whom in a group, nothing while nobody has', () => {
    expect(seenText('direct', [{ user: ada }])).toBe('Seen')
    expect(seenText('group', [{ user: ada }, { user: bruno }])).toBe('Seen by Ada and Bruno')
    expect(seenText('group', [])).toBe('')
  })
})

describe('typingText', () => {
  it('names up to three people and counts more', () => {
    expect(typingText([])).toBe('')
    expect(typingText(['Ada'])).toBe('Ada is typing…')
    expect(typingText(['Ada', 'Bruno'])).toBe('Ada and Bruno are typing…')
    expect(typingText(['Ada', 'Bruno', 'Cleo'])).toBe('Ada, Bruno and Cleo are typing…')
    expect(typingText(['Ada', 'Bruno', 'Cleo', 'Dara'])).toBe('4 people are typing…')
  })
})

describe('typingThrottle', () => {
  it('says to tell the others at the first keystroke, then at most once every 3 s', () => {
    const shouldSend = typingThrottle()
    expect([0, 1000, 2999, 3000, 4000, 6000].map((now) => shouldSend(now))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ])
  })
})

describe('startRefusal', () => {
  it('says plainly that their privacy setting refuses me, or that they cannot be messaged', () => {
    expect(startRefusal(problem({ status: 403, code: 'messages-closed' }), 'Ada')).toBe(
      'Ada does not take direct messages.',
    )
    expect(startRefusal(problem({ status: 403, code: 'messages-friends-only' }), 'Ada')).toBe(
      'Ada takes direct messages from friends only.',
    )
    expect(startRefusal(problem({ status: 404, code: 'not-found' }), 'Ada')).toBe('Ada cannot be messaged.')
  })

  it("gives any other problem's detail, and nothing without a problem", () => {
    expect(startRefusal(problem({ status: 409, code: 'conversation-limit-reached' }), 'Ada')).toBe('The API said no.')
    expect(startRefusal(null, 'Ada')).toBeUndefined()
  })
})

describe('isUnread', () => {
  it('is true when the newest message is past my read position', () => {
    expect(isUnread('0193a1b3-0000-7000-8000-000000000003', '0193a1b2-0000-7000-8000-000000000001')).toBe(true)
    expect(isUnread('0193a1b3-0000-7000-8000-000000000003', null)).toBe(true)
    expect(isUnread('0193a1b3-0000-7000-8000-000000000003', '0193a1b3-0000-7000-8000-000000000003')).toBe(false)
    expect(isUnread(undefined, null)).toBe(false)
  })
})

describe('unreadTotal', () => {
  it('adds up the unread counts', () => {
    expect(unreadTotal([{ unreadCount: 2 }, { unreadCount: 0 }, { unreadCount: 5 }])).toBe(7)
    expect(unreadTotal([])).toBe(0)
  })
})
