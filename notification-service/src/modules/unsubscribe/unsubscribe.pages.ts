import { html, type SafeHtml } from '../email/email.templates.ts'
import type { UnsubscribeScope } from '../email/unsubscribe-token.ts'

const kindNames: Record<UnsubscribeScope, string> = {
  all: 'all FocusHub e-mails',
  achievement_unlocked: 'e-mails about achievements you unlock',
  daily_goal_reached: 'e-mails about reaching your daily focus goal',
  focus_session_shared: 'e-mails about focus sessions shared with you',
  project_invitation: 'e-mails about project invitations',
  task_reminder: 'task reminder e-mails',
  daily_agenda: 'your daily agenda e-mails',
  streak_at_risk: 'e-mails about habit streaks at risk',
  weekly_review: 'your weekly review e-mails',
  friend_request: 'e-mails about friend requests',
  friend_accepted: 'e-mails about friend requests accepted',
  new_follower: 'e-mails about new followers',
  direct_message: 'e-mails about direct messages',
  webhook_disabled: 'e-mails about webhooks turned off',
  export_ready: 'e-mails about account exports ready to download',
}

/** The pages' only style: inline, as no script and no other resource may load (their CSP). */
const page = (title: string, content: SafeHtml) =>
  html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
</head>
<body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,sans-serif;color:#1f2328">
<main style="max-width:480px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font-size:20px">${title}</h1>
${content}
</main>
</body>
</html>
`.value

/** The GET of the link: what it turns off, and the button that POSTs (a link scanner's GET changes nothing). */
export const confirmPage = (scope: UnsubscribeScope, token: string) =>
  page(
    'Unsubscribe',
    html`<p style="margin:0 0 16px">Stop ${kindNames[scope]}?</p>
<form method="post" action="?${new URLSearchParams({ token }).toString()}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="padding:8px 16px;font-size:16px">Unsubscribe</button>
</form>
<p style="margin:16px 0 0;font-size:14px;color:#59636e">You can turn them on again in FocusHub's notification settings.</p>`,
  )

export const donePage = (scope: UnsubscribeScope) =>
  page(
    'Unsubscribed',
    html`<p style="margin:0">You will get no more ${kindNames[scope]}. You can turn them on again in FocusHub's notification settings.</p>`,
  )

export const failedPage = (expired: boolean) =>
  page(
    expired ? 'This link has expired' : 'This link does not work',
    html`<p style="margin:0">${
      expired
        ? 'Unsubscribe links work for a while after their e-mail was sent. Use the link of a newer e-mail, or turn e-mails off in FocusHub’s notification settings.'
        : 'The link may have been cut short or changed. Copy the whole link from the e-mail, or turn e-mails off in FocusHub’s notification settings.'
    }</p>`,
  )

/** No script, no frame, nothing loaded from elsewhere; the form posts only back here. */
export const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
}
