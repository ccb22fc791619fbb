import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { useModerate } from './host-queries.ts'
import type { Moderation, Participant, RoomView } from './room-queries.ts'
import { stateNames } from './room-text.ts'

/** Who is in the room, longest present first, and what each is doing; the host's tools beside each other one. */
export function Participants({ room, userId }: { room: RoomView; userId: string }) {
  const moderate = useModerate(room.id)
  const hosting = room.hostId === userId
  return (
    <section aria-labelledby="participants-heading" className="participants">
      <h2 id="participants-heading">{`In the room (${room.participants.length} of ${room.capacity})`}</h2>
      <FormMessage message={formMessage(moderate.error)} />
      <ul aria-label="Participants">
        {room.participants.map((participant) => (
          <li key={participant.userId} className="participant" data-state={participant.state}>
            <span className="presence" aria-hidden="true" />
            <span className="participant-name">
              {personName(participant.displayName, participant.userId, 'Someone')}
              {participant.userId === userId ? ' (you)' : ''}
            </span>
            {participant.isHost && <span className="room-badge">Host</span>}
            {participant.muted && <span className="room-badge">Muted</span>}
            <span className="muted participant-state">{stateNames[participant.state]}</span>
            {hosting && participant.userId !== userId && (
              <HostActions
                participant={participant}
                pending={moderate.isPending}
                onAction={(action) => moderate.mutate({ userId: participant.userId, action })}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

function HostActions({
  participant,
  pending,
  onAction,
}: {
  participant: Participant
  pending: boolean
  onAction: (action: Moderation) => void
}) {
  const name = personName(participant.displayName, participant.userId, 'someone')
  const actions: [Moderation, string][] = [
    participant.muted ? ['unmute', 'Unmute'] : ['mute', 'Mute'],
    ['remove', 'Remove'],
    ['ban', 'Ban'],
  ]
  return (
    <span className="participant-actions">
      {actions.map(([action, label]) => (
        <button
          key={action}
          type="button"
          className={action === 'ban' ? 'quiet danger' : 'quiet'}
          aria-label={`${label} ${name}`}
          disabled={pending}
          onClick={() => onAction(action)}
        >
          {label}
        </button>
      ))}
    </span>
  )
}
