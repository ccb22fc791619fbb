import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>) {
  await sql`alter table notifications drop constraint notifications_kind_check`.execute(db)
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('achievement_unlocked', 'daily_goal_reached', 'focus_session_shared', 'project_invitation', 'task_reminder',
     'daily_agenda', 'streak_at_risk', 'weekly_review', 'friend_request', 'friend_accepted', 'new_follower',
     'direct_message'))`.execute(db)
  // At most one unread direct-message notification per user and conversation: new messages update it
  // (social-notifications.service.ts), and this index finds it.
  await sql`create unique index notifications_unread_conversation
    on notifications (user_id, (data->>'conversationId')) where unread and kind = 'direct_message'`.execute(db)
}
