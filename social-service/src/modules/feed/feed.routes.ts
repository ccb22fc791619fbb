import type { App } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { commentsRoutes } from './comments.routes.ts'
import { feedReadsRoutes } from './feed-reads.routes.ts'
import { postsRoutes } from './posts.routes.ts'

/** The community feed module: posts, their comments and likes, my feed, tag feeds and a person's posts. */
export async function feedRoutes(app: App, options: { ctx: SocialContext }) {
  await app.register(postsRoutes, options)
  await app.register(commentsRoutes, options)
  await app.register(feedReadsRoutes, options)
}
