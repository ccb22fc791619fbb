import { describe, expect, it } from 'vitest'
import {
  authorName,
  canDeleteComment,
  changesFeed,
  commentsText,
  isTag,
  likesText,
  parseTags,
  visibilityLabel,
} from '../../src/feed/feed-text.ts'

describe('parseTags', () => {
  it('takes tags separated by spaces or commas, a leading # dropped, lower-cased and each once', () => {
    expect(parseTags(' #DeepWork, reading  deepwork,focus_time ')).toEqual({
      tags: ['deepwork', 'reading', 'focus_time'],
    })
  })

  it('takes nothing typed as no tags', () => {
    expect(parseTags('')).toEqual({ tags: [] })
    expect(parseTags(' , # ')).toEqual({ tags: [] })
  })

  it('says which word is not a tag', () => {
    expect(parseTags('ok c++')).toEqual({
      error: '“c++” is not a tag: use up to 30 letters, digits, _ or -, without spaces.',
    })
    expect('error' in parseTags('a'.repeat(31))).toBe(true)
    expect(parseTags('a'.repeat(30))).toEqual({ tags: ['a'.repeat(30)] })
  })

  it('refuses more than 5 different tags, counting a repeat once', () => {
    expect(parseTags('a b c d e f')).toEqual({ error: 'Use at most 5 tags.' })
    expect(parseTags('a b c d e A')).toEqual({ tags: ['a', 'b', 'c', 'd', 'e'] })
  })
})

describe('isTag', () => {
  it('is the API’s pattern', () => {
    expect(['study', 'Deep-Work', 'a_1'].map(isTag)).toEqual([true, true, true])
    expect(['', 'two words', '<b>', 'é'].map(isTag)).toEqual([false, false, false, false])
  })
})

describe('counts in words', () => {
  it('says likes', () => {
    expect([0, 1, 2].map(likesText)).toEqual(['No likes', '1 like', '2 likes'])
  })

  it('says comments', () => {
    expect([0, 1, 7].map(commentsText)).toEqual(['Comments', '1 comment', '7 comments'])
  })
})

describe('visibilityLabel', () => {
  it('says who may see a post', () => {
    expect((['public', 'friends', 'private'] as const).map(visibilityLabel)).toEqual(['Public', 'Friends', 'Only me'])
  })
})

describe('authorName', () => {
  const me = '0190e6f8-0000-7000-8000-000000000001'
  const other = '0190e6f8-0000-7000-8000-00000000abcd'

  it('says You for me, the name of anyone else, the end of their id before it is known', () => {
    expect(authorName({ userId: me, displayName: 'Ada' }, me)).toBe('You')
    expect(authorName({ userId: other, displayName: 'Bruno' }, me)).toBe('Bruno')
    expect(authorName({ userId: other, displayName: null }, me)).toBe('Someone …0000abcd')
  })
})

describe('canDeleteComment', () => {
  it('lets the comment’s author and the post’s author delete it, nobody else', () => {
    expect(canDeleteComment('me', 'other', 'me')).toBe(true)
    expect(canDeleteComment('other', 'me', 'me')).toBe(true)
    expect(canDeleteComment('other', 'third', 'me')).toBe(false)
  })
})

describe('changesFeed', () => {
  it('reads the feed again for posts, likes, comments and something of mine hidden', () => {
    expect(
      [
        'social.post.created',
        'social.post.deleted',
        'social.post.liked',
        'social.comment.created',
        'social.moderation.content_hidden',
      ].map(changesFeed),
    ).toEqual([true, true, true, true, true])
  })

  it('leaves it alone for messages, connections and everything else', () => {
    expect(['social.message.sent', 'social.user.followed', 'task.created', 'social.post'].map(changesFeed)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })
})
