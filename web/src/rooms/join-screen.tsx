import { useEffect, useRef } from 'react'
import { Link, useLocation } from 'wouter'
import { ProblemError } from '../api/problem.ts'
import { useJoinByLink } from './room-queries.ts'

/** Why a link does not let me in, said plainly. */
function refusal(error: unknown) {
  if (!(error instanceof ProblemError)) return 'FocusHub could not be reached. Check your connection and try again.'
  if (error.problem.status === 404 || error.problem.status === 400 || error.problem.status === 422)
    return 'This invite link is not valid. Ask the host for a new one.'
  if (error.problem.code === 'invite-revoked') return 'This invite link was revoked. Ask the host for a new one.'
  if (error.problem.code === 'invite-expired') return 'This invite link has expired. Ask the host for a new one.'
  if (error.problem.code === 'already-in-room') {
    const roomId = error.problem.roomId
    return typeof roomId === 'string' ? (
      <>
        You are in another room. <Link href={`/rooms/${roomId}`}>Open it</Link> and leave it first.
      </>
    ) : (
      'You are in another room. Leave it first (Rooms shows which).'
    )
  }
  return error.message
}

/**
 * An invite link (`/rooms/join#<token>`: the fragment never reaches a server's logs; `/rooms/join/<token>`
 * works too): joins at once, then opens the room, the token left out of the history.
 */
export function JoinScreen({ token: inPath }: { token?: string }) {
  const token = inPath ?? window.location.hash.slice(1)
  const join = useJoinByLink()
  const [, navigate] = useLocation()
  const asked = useRef(false)
  useEffect(() => {
    if (asked.current || !token) return
    asked.current = true
    join.mutate(token, { onSuccess: (room) => navigate(`/rooms/${room.id}`, { replace: true }) })
  }, [token, join, navigate])
  return (
    <main className="screen rooms">
      <h1>Join a room</h1>
      {!token || join.isError ? (
        <div role="alert" className="room-refusal">
          <p>{token ? refusal(join.error) : 'This invite link is not complete. Copy the whole link.'}</p>
        </div>
      ) : (
        <p className="muted" role="status">
          Joining…
        </p>
      )}
      <p>
        <Link href="/rooms">All rooms</Link>
      </p>
    </main>
  )
}
