import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { useSettled } from '../ui/use-settled.ts'
import { CreateRoomForm } from './create-room-form.tsx'
import {
  type RoomSummary,
  useCurrentRoom,
  useDeclineInvitation,
  useDirectory,
  useJoinRoom,
  useRoomInvitations,
} from './room-queries.ts'
import { timerSummary } from './room-text.ts'

/** The room I am in, my invitations, a new room, and the directory of public rooms. */
export function RoomsScreen({ userId }: { userId: string }) {
  const current = useCurrentRoom()
  const room = current.data
  return (
    <main className="screen rooms">
      <h1>Rooms</h1>
      <FormMessage message={formMessage(current.error)} />
      <p className="room-banner" role="status">
        {room && (
          <>
            {'You are in '}
            <Link href={`/rooms/${room.id}`}>{room.name}</Link>
            {`, ${timerSummary(room.timer).toLowerCase()}.`}
          </>
        )}
      </p>
      <Invitations userId={userId} />
      <Directory />
      <section aria-labelledby="create-room-heading">
        <h2 id="create-room-heading">Create a room</h2>
        <CreateRoomForm />
      </section>
    </main>
  )
}

function Invitations({ userId }: { userId: string }) {
  const invitations = useRoomInvitations()
  const join = useJoinRoom()
  const decline = useDeclineInvitation()
  const [, navigate] = useLocation()
  if (!invitations.data?.length && !invitations.error) return null
  return (
    <section aria-labelledby="room-invitations-heading">
      <h2 id="room-invitations-heading">Invitations</h2>
      <FormMessage message={formMessage(invitations.error ?? join.error ?? decline.error)} />
      <ul className="room-list">
        {invitations.data?.map(({ room, invitedBy }) => (
          <li key={room.id} className="room-item">
            <span className="room-name">{room.name}</span>
            <span className="muted">{`From ${personName(invitedBy.displayName, invitedBy.userId, 'someone')}`}</span>
            <span className="room-actions">
              <button
                type="button"
                className="primary"
                aria-label={`Join ${room.name}`}
                disabled={join.isPending}
                onClick={() => join.mutate(room.id, { onSuccess: () => navigate(`/rooms/${room.id}`) })}
              >
                Join
              </button>
              <button
                type="button"
                aria-label={`Decline the invitation to ${room.name}`}
                disabled={decline.isPending}
                onClick={() => decline.mutate({ roomId: room.id, userId })}
              >
                Decline
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Directory() {
  const [name, setName] = useState('')
  const [tag, setTag] = useState('')
  const q = useSettled(name.trim())
  const wantedTag = useSettled(tag.trim().toLowerCase())
  const pages = useDirectory({ ...(q ? { q } : {}), ...(wantedTag ? { tag: wantedTag } : {}) })
  const rooms = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section aria-labelledby="directory-heading">
      <h2 id="directory-heading">Public rooms</h2>
      <search className="room-search">
        <TextField
          label="Name"
          type="search"
          maxLength={80}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label="Tag"
          type="search"
          maxLength={24}
          value={tag}
          onChange={(event) => setTag(event.target.value)}
        />
      </search>
      <FormMessage message={formMessage(pages.error)} />
      {pages.isSuccess && rooms.length === 0 && (
        <p className="muted">{q || wantedTag ? 'No open room matches.' : 'No public room is open.'}</p>
      )}
      <ul className="room-list" aria-label="Public rooms">
        {rooms.map((room) => (
          <DirectoryItem key={room.id} room={room} />
        ))}
      </ul>
      {/* Held during a re-read of the pages too: the next page's read would cancel it. */}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          Load more
        </button>
      )}
    </section>
  )
}

function DirectoryItem({ room }: { room: RoomSummary }) {
  return (
    <li className="room-item">
      <Link href={`/rooms/${room.id}`} className="room-name">
        {room.name}
      </Link>
      <span className="muted">{`${room.participantCount} of ${room.capacity} in it · ${timerSummary(room.timer)}`}</span>
      <span className="muted">{`Host: ${personName(room.hostName, room.hostId, 'someone')}`}</span>
      {room.tags.length > 0 && (
        <ul className="room-tags" aria-label="Tags">
          {room.tags.map((each) => (
            <li key={each}>{each}</li>
          ))}
        </ul>
      )}
    </li>
  )
}
