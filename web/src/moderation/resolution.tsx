import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { type CaseDetail, useLiftSuspension } from './moderation-queries.ts'
import { maxShownReason, resolutionText, suspensionInForce, when } from './moderation-text.ts'

/**
 * How a closed case was resolved: the decision, by whom and when, the reason its subject read; while a
 * suspension it set is in force, a way to lift it.
 */
export function Resolution({
  item,
  refusal,
  resolvedHere,
  mine,
}: {
  item: CaseDetail
  /** Why this screen's own resolution was refused (resolved meanwhile by someone else). */
  refusal?: string
  resolvedHere: boolean
  /** The case is about me: I do not lift my own suspension. */
  mine: boolean
}) {
  const resolution = item.resolution
  return (
    <section aria-labelledby="resolution-heading" className="moderation-card">
      <h2 id="resolution-heading">Resolution</h2>
      {resolvedHere && <p role="status">Case resolved.</p>}
      <FormMessage message={refusal} />
      {resolution ? (
        <>
          <p className="case-outcome">{resolutionText(resolution, when)}</p>
          <p className="muted">
            {`By ${personName(resolution.by.displayName, resolution.by.userId, 'Moderator')}, `}
            <time dateTime={resolution.at}>{when(resolution.at)}</time>
          </p>
          {resolution.reason && <p className="case-reason">{`Reason given: ${resolution.reason}`}</p>}
          {!mine &&
            suspensionInForce(resolution.suspendedUntil ? { until: resolution.suspendedUntil } : null, Date.now()) && (
              <LiftSuspension userId={item.subject.userId} />
            )}
        </>
      ) : (
        <p className="muted">Closed with its subject’s account.</p>
      )}
    </section>
  )
}

function LiftSuspension({ userId }: { userId: string }) {
  const lift = useLiftSuspension()
  const [reason, setReason] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (reason.trim()) lift.mutate({ userId, reason: reason.trim() })
  }
  if (lift.isSuccess) return <p role="status">Suspension lifted.</p>
  return (
    <form className="lift-form" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(lift.error)} />
      <TextField
        label="Reason to lift the suspension (shown to them)"
        maxLength={maxShownReason}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={fieldMessage(lift.error, 'reason')}
      />
      <button type="submit" disabled={lift.isPending || !reason.trim()}>
        Lift suspension
      </button>
    </form>
  )
}
