import { DateTime, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'
import { Nullable } from '../../schemas/common.ts'
import { GrantableRole, Member } from '../members/members.schemas.ts'

export const InviteBody = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', minLength: 3, maxLength: 254 })),
    userId: Type.Optional(Uuid),
    role: GrantableRole,
  },
  {
    additionalProperties: false,
    description: 'Name the invitee by email or by userId, not both',
    oneOf: [{ required: ['email'] }, { required: ['userId'] }],
  },
)

/**
 * An invitation as its project's owner sees it: whom they named, never whether that is an account.
 * It stays listed until it is accepted, revoked or expires.
 */
export const ProjectInvitation = Type.Object({
  id: Uuid,
  projectId: Uuid,
  email: Nullable(Type.String()),
  userId: Nullable(Uuid),
  role: GrantableRole,
  invitedAt: DateTime,
  expiresAt: DateTime,
})
export const ProjectInvitationPage = Page(ProjectInvitation)

/** An invitation as its invitee sees it, before they belong to the project. */
export const ReceivedInvitation = Type.Object({
  id: Uuid,
  projectId: Uuid,
  projectName: Type.String(),
  role: GrantableRole,
  invitedBy: Uuid,
  invitedAt: DateTime,
  expiresAt: DateTime,
})
export const ReceivedInvitationPage = Page(ReceivedInvitation)

export const Membership = Type.Object({ projectId: Uuid, ...Member.properties })

export const ListInvitationsQuery = Type.Object(PageQuery, { additionalProperties: false })
export const InvitationParams = Type.Object({ invitationId: Uuid })
export const ProjectInvitationParams = Type.Object({ projectId: Uuid, invitationId: Uuid })
