import type { App } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { conversationMessagesRoutes } from './conversation-messages.routes.ts'
import { conversationsRoutes } from './conversations.routes.ts'
import { membersRoutes } from './members.routes.ts'

/** The direct messages module: conversations, their messages and read state, group members. */
export async function messagesRoutes(app: App, options: { ctx: SocialContext }) {
  await app.register(conversationsRoutes, options)
  await app.register(conversationMessagesRoutes, options)
  await app.register(membersRoutes, options)
}
