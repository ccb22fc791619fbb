import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure of social-service beyond the shared ones (validation-failed, unauthorized, not-found …):
 * one code each, declared here once. The README's error catalogue lists them.
 */
export const socialErrors = errorCatalogue({
  'self-relation': {
    status: 422,
    meaning: 'You cannot follow, befriend or block yourself',
  },
  'follows-closed': {
    status: 403,
    meaning: 'This person does not take followers (their privacy setting)',
  },
  'handle-taken': {
    status: 409,
    meaning: 'Someone else has that handle (handles are unique whatever their case)',
  },
  'already-friends': {
    status: 409,
    meaning: 'You are friends already',
  },
  'friend-request-incoming': {
    status: 409,
    meaning: 'They asked you first: accept their request instead',
  },
  'follow-limit-reached': {
    status: 409,
    meaning: 'You follow as many people as one may (FOLLOWS_MAX)',
  },
  'friend-request-limit-reached': {
    status: 409,
    meaning: 'You have as many pending requests out as one may (PENDING_FRIEND_REQUESTS_MAX)',
  },
  'friend-limit-reached': {
    status: 409,
    meaning: 'You or they have as many friends as one may (FRIENDS_MAX)',
  },
  'block-limit-reached': {
    status: 409,
    meaning: 'You block as many people as one may (BLOCKS_MAX)',
  },
  'self-conversation': { status: 422, meaning: 'You cannot start a conversation with yourself' },
  'messages-closed': { status: 403, meaning: 'This person takes no direct messages (their privacy setting)' },
  'messages-friends-only': { status: 403, meaning: 'This person takes direct messages from friends only' },
  'not-a-group': { status: 422, meaning: 'Only a group can be left or have members added and removed' },
  'not-group-creator': { status: 403, meaning: "Only the group's creator adds or removes members" },
  'group-full': { status: 409, meaning: 'A group has at most 50 members' },
  'conversation-limit-reached': { status: 409, meaning: 'You, or someone added, are in 1,000 conversations already' },
  'not-message-author': { status: 403, meaning: 'Only its author edits or deletes a message' },
  'message-window-closed': { status: 403, meaning: 'A message can be edited or deleted within 15 minutes only' },
  'message-deleted': { status: 409, meaning: 'The message was deleted: it cannot be edited' },
  'message-rate-limited': { status: 429, meaning: 'Over 30 messages in a minute: wait `Retry-After` seconds' },
  'not-post-author': { status: 403, meaning: 'Only its author edits or deletes a post' },
  'not-comment-author': { status: 403, meaning: "Only its author, or the post's author, deletes a comment" },
  'post-rate-limited': { status: 429, meaning: 'Over 50 posts in a day: wait `Retry-After` seconds' },
  'comment-rate-limited': { status: 429, meaning: 'Over 500 comments in a day: wait `Retry-After` seconds' },
  'message-hidden': { status: 409, meaning: 'A moderator hid the message: it cannot be edited' },
  'report-self': { status: 422, meaning: 'You cannot report yourself or what you wrote' },
  'report-rate-limited': { status: 429, meaning: 'Over REPORTS_PER_DAY reports in a day: wait `Retry-After` seconds' },
  'social-suspended': {
    status: 403,
    meaning: 'You are suspended from social features until `until`: reading, deleting and leaving still work',
  },
  'case-closed': { status: 409, meaning: 'The case is resolved already' },
  'no-action': { status: 422, meaning: 'Acting on a case needs hide, warn or a suspension' },
  'nothing-to-hide': { status: 422, meaning: 'A case about a user has no content to hide' },
  'moderate-self': { status: 403, meaning: 'A moderator does not act on a case about themselves' },
})

export type SocialErrorCode = keyof typeof socialErrors.definitions

export const socialError = socialErrors.error
