// The People screen kept current by the live channel: a friend request to me, one of mine accepted, or
// a new follower (social-service's events, pushed to their audience) reads my lists again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { followLive } from '../api/live.ts'
import { listsKey } from './people-queries.ts'
import { changesLists } from './people-text.ts'

/** While the screen is open: my lists read again on each social event, and whenever the stream (re)opens. */
export function usePeopleEvents() {
  const queryClient = useQueryClient()
  useEffect(() => followLive(queryClient, listsKey, changesLists), [queryClient])
}
