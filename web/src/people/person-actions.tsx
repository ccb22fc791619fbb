import { useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { type Person, useConnectionAction } from './people-queries.ts'
import { personLabel, type Standing } from './people-text.ts'

/** What I can do about someone found: follow or unfollow, befriend (or answer their request), block. */
export function PersonActions({ person, standing }: { person: Person; standing: Standing }) {
  const act = useConnectionAction()
  const [confirmingBlock, setConfirmingBlock] = useState(false)
  const name = personLabel(person)
  const run = (action: Parameters<typeof act.mutate>[0]['action']) => act.mutate({ action, userId: person.userId })
  if (confirmingBlock) {
    return (
      <span className="people-actions people-confirm">
        <span>{`Block ${name}? Follows, friendship and requests between you end.`}</span>
        <button
          type="button"
          className="primary"
          aria-label={`Block ${name} now`}
          disabled={act.isPending}
          onClick={() => run('block')}
        >
          Block now
        </button>
        <button type="button" onClick={() => setConfirmingBlock(false)}>
          Keep
        </button>
        <FormMessage message={formMessage(act.error)} />
      </span>
    )
  }
  return (
    <span className="people-actions">
      {standing.following ? (
        <button type="button" aria-label={`Unfollow ${name}`} disabled={act.isPending} onClick={() => run('unfollow')}>
          Unfollow
        </button>
      ) : (
        <button type="button" aria-label={`Follow ${name}`} disabled={act.isPending} onClick={() => run('follow')}>
          Follow
        </button>
      )}
      <FriendAction name={name} standing={standing} pending={act.isPending} run={run} />
      <button
        type="button"
        className="quiet"
        aria-label={`Block ${name}`}
        disabled={act.isPending}
        onClick={() => setConfirmingBlock(true)}
      >
        Block
      </button>
      <FormMessage message={formMessage(act.error)} />
    </span>
  )
}

function FriendAction({
  name,
  standing,
  pending,
  run,
}: {
  name: string
  standing: Standing
  pending: boolean
  run: (action: 'request' | 'accept' | 'cancel') => void
}) {
  switch (standing.friendship) {
    case 'friends':
      return <span className="people-badge">Friends</span>
    case 'asked-me':
      return (
        <button
          type="button"
          className="primary"
          aria-label={`Accept friend request from ${name}`}
          disabled={pending}
          onClick={() => run('accept')}
        >
          Accept friend request
        </button>
      )
    case 'asked-them':
      return (
        <button
          type="button"
          aria-label={`Cancel friend request to ${name}`}
          disabled={pending}
          onClick={() => run('cancel')}
        >
          Cancel friend request
        </button>
      )
    default:
      return (
        <button
          type="button"
          className="primary"
          aria-label={`Add friend: ${name}`}
          disabled={pending}
          onClick={() => run('request')}
        >
          Add friend
        </button>
      )
  }
}
