import Type, { type Static } from 'typebox'

/**
 * What an account may do: the `role` of its access tokens, its row and auth.user.registered. A
 * `moderator` works social-service's moderation queue; an `admin` may do that too, and grants roles.
 */
export const Role = Type.Union([Type.Literal('user'), Type.Literal('moderator'), Type.Literal('admin')])
export type Role = Static<typeof Role>

/** Whether an account may sign in: its row, the admin routes and auth.user.status_changed. */
export const AccountStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('suspended'),
  Type.Literal('deactivated'),
])
export type AccountStatus = Static<typeof AccountStatus>
