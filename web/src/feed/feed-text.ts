// What the Feed screens say and decide without the API: the tags typed, who may see a post, counts in
// words, which comments I may delete, and which live events change what the screen shows.
import { personName } from '../ui/person-name.ts'

/** social-service's limits (its README's "Community feed"): the API refuses past them. */
export const maxPostCharacters = 2000
export const maxCommentCharacters = 1000
export const maxTags = 5
const tagShape = /^[a-z0-9_-]{1,30}$/i

export type Visibility = 'public' | 'friends' | 'private'

/** The visibilities as the composer offers and a post says them; `friends` is the API's default. */
export const visibilities: { value: Visibility; label: string }[] = [
  { value: 'public', label: 'Public' },
  { value: 'friends', label: 'Friends' },
  { value: 'private', label: 'Only me' },
]

export const visibilityLabel = (visibility: Visibility) =>
  visibilities.find(({ value }) => value === visibility)?.label ?? visibility

/** Whether a string is a tag the API takes (letters, digits, `_` and `-`, 1–30 characters). */
export const isTag = (text: string) => tagShape.test(text)

/**
 * The tags typed in the composer: separated by spaces or commas, a leading `#` dropped, lower-cased
 * (as stored) and each once; or, when one is not a tag or there are too many, what to say under the field.
 */
export function parseTags(typed: string): { tags: string[] } | { error: string } {
  const words = typed
    .split(/[\s,]+/)
    .map((word) => word.replace(/^#/, ''))
    .filter(Boolean)
  const wrong = words.find((word) => !isTag(word))
  if (wrong !== undefined)
    return { error: `“${wrong}” is not a tag: use up to 30 letters, digits, _ or -, without spaces.` }
  const tags = [...new Set(words.map((word) => word.toLowerCase()))]
  if (tags.length > maxTags) return { error: `Use at most ${maxTags} tags.` }
  return { tags }
}

/** "1 like", "3 likes", "No likes". */
export const likesText = (count: number) => (count === 0 ? 'No likes' : count === 1 ? '1 like' : `${count} likes`)

/** "Comments", "1 comment", "4 comments": the button that shows them. */
export const commentsText = (count: number) =>
  count === 0 ? 'Comments' : count === 1 ? '1 comment' : `${count} comments`

/** Who wrote a post or comment: "You", their name, or the end of their id until it is known. */
export const authorName = (author: { userId: string; displayName: string | null }, userId: string) =>
  author.userId === userId ? 'You' : personName(author.displayName, author.userId, 'Someone')

/** A comment's author deletes it, and so does the post's author, whoever wrote it. */
export const canDeleteComment = (commentAuthorId: string, postAuthorId: string, userId: string) =>
  commentAuthorId === userId || postAuthorId === userId

/**
 * The live events that change what a feed shows: a post of mine created or deleted (in another tab),
 * a like or comment on one of my posts (pushed to me as the post's author) or by me, and a moderator
 * hiding something of mine.
 */
const feedEvents = new Set([
  'social.post.created',
  'social.post.deleted',
  'social.post.liked',
  'social.comment.created',
  'social.moderation.content_hidden',
])

export const changesFeed = (type: string) => feedEvents.has(type)
