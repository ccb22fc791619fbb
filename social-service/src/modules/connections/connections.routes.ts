import type { App } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { blocksRoutes } from './blocks.routes.ts'
import { followsRoutes } from './follows.routes.ts'
import { friendsRoutes } from './friends.routes.ts'
import { profilesRoutes } from './profiles.routes.ts'

/** The connections module: my profile and people search, follows, friends and blocks, each in its own scope. */
export async function connectionsRoutes(app: App, options: { ctx: SocialContext }) {
  await app.register(profilesRoutes, options)
  await app.register(followsRoutes, options)
  await app.register(friendsRoutes, options)
  await app.register(blocksRoutes, options)
}
