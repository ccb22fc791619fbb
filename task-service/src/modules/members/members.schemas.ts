import { DateTime, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { MemberRole } from '../../schemas/common.ts'

/** Roles one can be given: a project has exactly one owner, its creator. */
export const GrantableRole = Type.Union([Type.Literal('editor'), Type.Literal('viewer')])

export const Member = Type.Object({
  userId: Uuid,
  displayName: Type.Union([Type.String(), Type.Null()], {
    description: 'The name the member shows (null until task-service has heard of their profile)',
  }),
  role: MemberRole,
  addedAt: DateTime,
})
export const MemberPage = Page(Member)

export const MemberParams = Type.Object({ projectId: Uuid, userId: Uuid })
export const ListMembersQuery = Type.Object(PageQuery, { additionalProperties: false })

export const ChangeRoleBody = Type.Object({ role: GrantableRole }, { additionalProperties: false })
