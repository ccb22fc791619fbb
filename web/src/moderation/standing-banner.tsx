import { useStandingEvents } from './moderation-live.ts'
import { useStanding } from './moderation-queries.ts'
import { suspendedText, suspensionInForce, when } from './moderation-text.ts'

/**
 * On Feed, Messages and People: while I am suspended from social features, until when, why, and what
 * I can still do. Nothing otherwise (a failed read shows nothing: the API still refuses the writes).
 */
export function StandingBanner() {
  useStandingEvents()
  const suspension = useStanding().data?.suspension
  if (!suspension || !suspensionInForce(suspension, Date.now())) return null
  return (
    <section className="standing-banner" aria-labelledby="standing-heading">
      <h2 id="standing-heading">{suspendedText(when(suspension.until))}</h2>
      <p>{`A moderator said why: ${suspension.reason}`}</p>
      <p className="muted">
        Until then you cannot post, comment, like, send messages, follow or ask to be friends. You can still read,
        delete what you wrote, unfollow, block and leave conversations.
      </p>
    </section>
  )
}
