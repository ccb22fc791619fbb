import { hiddenText } from './moderation-text.ts'
import './moderation.css'

/** On a post, comment or message a moderator hid: that it was, and why when I may know (it is mine). */
export function HiddenNotice({ reason }: { reason?: string | null }) {
  return <p className="hidden-notice">{hiddenText(reason)}</p>
}
