import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { connectLive, type LiveStatus } from '../api/live.ts'
import './live-status.css'

const labels: Record<LiveStatus, string> = {
  connecting: 'Live updates connecting',
  live: 'Live updates on',
  reconnecting: 'Live updates reconnecting',
}

/**
 * Keeps the signed-in user's live updates open while mounted (once, in the header) and shows
 * whether they flow: a dot of a fixed size, so a change of state moves nothing.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  useEffect(() => connectLive(queryClient, setStatus), [queryClient])
  return (
    <span className="live-status" data-status={status} title={labels[status]} role="status">
      <span className="visually-hidden">{labels[status]}</span>
    </span>
  )
}
