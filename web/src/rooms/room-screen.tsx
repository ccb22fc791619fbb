import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import type { User } from '../api/session.ts'
import { FormMessage } from '../ui/field.tsx'
import { HostTools } from './host-tools.tsx'
import { MyPart } from './my-part.tsx'
import { Participants } from './participants.tsx'
import { ReportDialog } from './report-dialog.tsx'
import { RoomChat } from './room-chat.tsx'
import { type OutReason, usePresence, useRoomEvents } from './room-live.ts'
import { isOutOfRoom, type Message, type RoomView, useJoinRoom, useLeaveRoom, useRoom } from './room-queries.ts'
import { SharedTimer } from './shared-timer.tsx'

const outNotices: Record<Exclude<OutReason, 'left'>, string> = {
  removed: 'The host removed you from this room.',
  banned: 'The host banned you from this room.',
  timeout: 'You were away too long, so you left this room.',
  closed: 'This room was closed.',
}

/**
 * One room: its shared timer, my part in it, who is in it, the chat; the host's tools. Kept current by
 * the room's live events and, while I am in it, sending my presence. Taken out of it (removed, banned,
 * closed, or no longer allowed to see it), the screen says so instead.
 */
export function RoomScreen({ roomId, user }: { roomId: string; user: User }) {
  const room = useRoom(roomId)
  const out = useRoomEvents(roomId, user.id)
  const me = room.data?.me
  usePresence(roomId, Boolean(me) && (!out || out === 'left'))
  if (out && out !== 'left') return <OutOfRoom name={room.data?.name} notice={outNotices[out]} />
  if (isOutOfRoom(room.error)) return <OutOfRoom notice="This room is closed, private, or you are no longer in it." />
  return (
    <main className="screen room">
      <FormMessage message={formMessage(room.error)} />
      {room.data && <Room room={room.data} userId={user.id} />}
    </main>
  )
}

function OutOfRoom({ name, notice }: { name?: string; notice: string }) {
  return (
    <main className="screen room">
      <h1>{name ?? 'Focus room'}</h1>
      <div role="alert" className="room-refusal">
        <p>{notice}</p>
      </div>
      <p>
        <Link href="/rooms">All rooms</Link>
      </p>
    </main>
  )
}

function Room({ room, userId }: { room: RoomView; userId: string }) {
  const [reporting, setReporting] = useState<{ message?: Message }>()
  const [reported, setReported] = useState(false)
  const hosting = room.hostId === userId
  return (
    <>
      <div className="room-head">
        <h1>{room.name}</h1>
        <p className="muted room-facts">
          {`${room.visibility === 'public' ? 'Public' : 'Private'} · ${room.participantCount} of ${room.capacity}`}
          {room.tags.length > 0 && ` · ${room.tags.join(', ')}`}
        </p>
        <RoomActions room={room} onReport={() => setReporting({})} />
      </div>
      <p className="muted" role="status">
        {reported ? 'Reported. The admins will look at it.' : ''}
      </p>
      <div className="room-grid">
        <div className="room-main">
          <section aria-labelledby="timer-heading">
            <h2 id="timer-heading">Shared timer</h2>
            <SharedTimer room={room} canControl={Boolean(room.me) && (hosting || room.anyoneControls)} />
          </section>
          {room.me && <MyPart roomId={room.id} me={room.me} />}
          <Participants room={room} userId={userId} />
        </div>
        {room.me && <RoomChat roomId={room.id} userId={userId} onReport={(message) => setReporting({ message })} />}
      </div>
      {hosting && <HostTools room={room} />}
      {reporting && (
        <ReportDialog
          roomId={room.id}
          message={reporting.message}
          onClose={() => setReporting(undefined)}
          onReported={() => setReported(true)}
        />
      )}
    </>
  )
}

/** Join (a public room I am not in), or leave; and report the room. */
function RoomActions({ room, onReport }: { room: RoomView; onReport: () => void }) {
  const join = useJoinRoom()
  const leave = useLeaveRoom(room.id)
  const [, navigate] = useLocation()
  return (
    <div className="room-actions">
      <FormMessage message={formMessage(join.error ?? leave.error)} />
      {room.me ? (
        <button
          type="button"
          disabled={leave.isPending}
          onClick={() => leave.mutate(undefined, { onSuccess: () => navigate('/rooms') })}
        >
          Leave room
        </button>
      ) : (
        <button type="button" className="primary" disabled={join.isPending} onClick={() => join.mutate(room.id)}>
          Join room
        </button>
      )}
      <button type="button" className="quiet" onClick={onReport}>
        Report room
      </button>
    </div>
  )
}
