import type { Generated, Selectable } from 'kysely'

/**
 * pending → accepted | declined | revoked. A declined invitation still looks pending to the owner
 * until it expires: its going away would tell them the e-mail has an account.
 */
export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked'

export interface ProjectInvitationsTable {
  id: string
  project_id: string
  /** Whom the owner named: an e-mail or a user id (exactly one), shown back to them as given. */
  email: string | null
  named_user_id: string | null
  /**
   * The account the invitation reached, resolved when it was made; null when the e-mail has no
   * account or names a member already (the invitation then only waits to expire).
   */
  invitee_id: string | null
  role: 'editor' | 'viewer'
  invited_by: string
  status: Generated<InvitationStatus>
  created_at: Generated<Date>
  expires_at: Date
}

export type ProjectInvitationRow = Selectable<ProjectInvitationsTable>
