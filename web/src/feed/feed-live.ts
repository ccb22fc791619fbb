// The feed kept current by the live channel: a like or comment on one of my posts (social-service's
// events, pushed to the post's author), and my own posts, likes and comments from another tab, read
// what the screen shows again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { followLive } from '../api/live.ts'
import { feedKey } from './feed-queries.ts'
import { changesFeed } from './feed-text.ts'

/** While a feed screen is open: its posts and comments read again on each feed event, and whenever the stream (re)opens. */
export function useFeedEvents() {
  const queryClient = useQueryClient()
  useEffect(() => followLive(queryClient, feedKey, changesFeed), [queryClient])
}
