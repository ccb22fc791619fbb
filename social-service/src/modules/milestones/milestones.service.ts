import type { UnitOfWork } from '@focushub/shared/events'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/tables.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { indexTags, insertPost } from '../feed/posts.repository.ts'
import { databaseNow } from '../messages/people.repository.ts'
import { claimMilestone, milestonePosters } from './milestones.repository.ts'
import type { Milestone } from './milestones.rules.ts'

/**
 * Posts each milestone of a user who turned milestone posts on, to their friends, tagged `milestone`,
 * through the feed's own insert and with its `social.post.created`; outside the daily post quota (the
 * user wrote none of it). Each milestone once: its key is claimed in the run's unit of work, which also
 * records the event as processed, so a redelivery or the same streak reached again that day posts nothing.
 */
export async function postMilestones(work: UnitOfWork<Database>, milestones: Milestone[]) {
  if (milestones.length === 0) return
  const posters = await milestonePosters(work.trx, [...new Set(milestones.map((milestone) => milestone.userId))])
  for (const milestone of milestones.filter((each) => posters.has(each.userId))) {
    const id = uuidv7()
    const claim = { user_id: milestone.userId, milestone: milestone.key, post_id: id }
    if (!(await claimMilestone(work.trx, claim))) continue
    const post = {
      id,
      author_id: milestone.userId,
      body: milestone.body,
      tags: ['milestone'],
      visibility: 'friends' as const,
      created_at: await databaseNow(work.trx),
    }
    await insertPost(work.trx, post)
    await indexTags(work.trx, post)
    recordSocialEvent(work, 'social.post.created', { postId: id, visibility: post.visibility }, milestone)
  }
}
