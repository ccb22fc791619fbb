import { useState } from 'react'
import { useLocation } from 'wouter'
import { formMessage, ProblemError } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { useCloseRoom, useUpdateRoom } from './host-queries.ts'
import { InviteByEmail, InviteLinks } from './invite-tools.tsx'
import { planValues, RoomForm, type RoomFormValues, roomOf } from './room-form.tsx'
import type { RoomChanges, RoomView } from './room-queries.ts'

/** The host's own tools: invite (links, e-mail), the room's settings, closing it. */
export function HostTools({ room }: { room: RoomView }) {
  return (
    <div className="host-tools">
      <div>
        <InviteLinks roomId={room.id} />
        <InviteByEmail roomId={room.id} />
        <CloseRoom roomId={room.id} />
      </div>
      <RoomSettings room={room} />
    </div>
  )
}

/** What the form changes of the room, with the version read (a 412 says someone changed it meanwhile). */
function changesOf(room: RoomView, values: RoomFormValues): RoomChanges {
  const wanted = roomOf(values)
  const changes: RoomChanges = { version: room.version }
  if (wanted.name !== room.name) changes.name = wanted.name
  if (wanted.visibility !== room.visibility) changes.visibility = wanted.visibility
  if (wanted.capacity !== room.capacity) changes.capacity = wanted.capacity
  if (wanted.tags?.join(' ') !== room.tags.join(' ')) changes.tags = wanted.tags
  if (wanted.anyoneControls !== room.anyoneControls) changes.anyoneControls = wanted.anyoneControls
  const plan = wanted.plan
  if (Object.entries(plan).some(([name, value]) => room.plan[name as keyof typeof plan] !== value)) changes.plan = plan
  return changes
}

function RoomSettings({ room }: { room: RoomView }) {
  const update = useUpdateRoom(room.id)
  // The form keeps what is typed while the room changes around it (presence, the timer); a save or a
  // 412 starts it again from the room as read.
  const [edition, setEdition] = useState(0)
  const stale = update.error instanceof ProblemError && update.error.problem.status === 412
  const save = (values: RoomFormValues) =>
    update.mutate(changesOf(room, values), {
      onSuccess: () => setEdition((count) => count + 1),
      onError: (error) => {
        if (error instanceof ProblemError && error.problem.status === 412) setEdition((count) => count + 1)
      },
    })
  return (
    <section aria-labelledby="room-settings-heading" className="host-section">
      <h2 id="room-settings-heading">Room settings</h2>
      <p className="muted" role="status">
        {stale
          ? 'The room changed since it was read, so it has been reloaded. Try again.'
          : update.isSuccess
            ? 'Saved.'
            : ''}
      </p>
      <RoomForm
        key={edition}
        initial={{
          name: room.name,
          visibility: room.visibility,
          capacity: String(room.capacity),
          tags: room.tags.join(' '),
          anyoneControls: room.anyoneControls,
          plan: planValues(room.plan),
        }}
        submitLabel="Save settings"
        error={stale ? undefined : update.error}
        pending={update.isPending}
        planLocked={room.timer.status === 'idle' ? undefined : 'The plan changes only while the timer is not running.'}
        onSubmit={save}
      />
    </section>
  )
}

function CloseRoom({ roomId }: { roomId: string }) {
  const close = useCloseRoom(roomId)
  const [, navigate] = useLocation()
  return (
    <section aria-labelledby="close-room-heading" className="host-section">
      <h2 id="close-room-heading">Close the room</h2>
      <p className="muted hint">Everyone leaves and the chat is deleted; sessions keep running as their owners'.</p>
      <FormMessage message={formMessage(close.error)} />
      <button
        type="button"
        className="danger"
        disabled={close.isPending}
        onClick={() => close.mutate(undefined, { onSuccess: () => navigate('/rooms') })}
      >
        Close room
      </button>
    </section>
  )
}
