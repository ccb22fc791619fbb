import type { NotificationKind, NotificationLinks } from '../notifications/notifications.schemas.ts'
import type { Mailer, MailMessage, MailRecipient } from './email.mailer.ts'
import {
  type EmailContent,
  type EmailView,
  renderNotificationEmail,
  renderWeeklyReviewEmail,
} from './email.templates.ts'
import type { UnsubscribeTokens } from './unsubscribe-token.ts'

/** A notification to tell by e-mail, and where it opens in the web app. */
export interface EmailNotification {
  id: string
  userId: string
  kind: NotificationKind
  title: string
  body: string
  /** Path of the web app where it opens (`/tasks/<id>`); the app's start page when absent. */
  openPath?: string
}

export interface NotificationEmailsOptions {
  mailer: Mailer
  tokens: UnsubscribeTokens
  /** PUBLIC_BASE_URL: the origin of every link in a message. */
  publicBaseUrl: string
}

/** The kinds with a template of their own; the others are told with the generic one. */
const templates: Partial<Record<NotificationKind, (view: EmailView) => EmailContent>> = {
  weekly_review: renderWeeklyReviewEmail,
}

/**
 * Where a notification's e-mail opens in the web app, from the ids its data holds, as the app's inbox
 * links it (web/src/notifications/notification-link.ts): the task, the invitations, the sessions shared
 * with me, the achievements, the habit, the stats (a day's goal, a week's review), the conversation (direct
 * messages), people (a friend request, a friend, a follower), or Settings (a webhook, an export); else the start page.
 */
export function openPathOf(data: NotificationLinks): string {
  if (data.taskId) return `/tasks/${data.taskId}`
  if (data.invitationId) return '/invitations'
  if (data.sessionId) return '/focus/shared'
  if (data.achievementId) return '/achievements'
  if (data.habitId) return `/habits/${data.habitId}`
  if (data.localDate || data.weekStart) return '/stats'
  if (data.conversationId) return `/messages/${data.conversationId}`
  if (data.personId) return '/people'
  if (data.webhookId) return '/settings#webhooks'
  if (data.exportId) return '/settings#export'
  return '/'
}

/** The public route a one-click unsubscribe link names (RFC 8058: POST unsubscribes, GET only shows). */
export const unsubscribePath = '/api/v1/notifications/unsubscribe'

/**
 * Who a message is, the same on every attempt to send one notification by e-mail: its Message-ID
 * (which mail clients also dedupe on) and the idempotency key of the trigger's e-mail channel.
 */
export const emailIdentity = (notificationId: string, domain: string) => ({
  messageId: `<${notificationId}.email@${domain}>`,
  idempotencyKey: `${notificationId}:email`,
})

/** Notifications as e-mails: rendered from the templates, with the one-click unsubscribe headers. */
export function notificationEmails({ mailer, tokens, publicBaseUrl }: NotificationEmailsOptions) {
  const base = publicBaseUrl.replace(/\/+$/, '')

  async function compose(notification: EmailNotification, recipient: MailRecipient): Promise<MailMessage> {
    const openPath = notification.openPath ?? '/'
    if (!openPath.startsWith('/') || openPath.startsWith('//')) {
      throw new Error(`openPath must be a path of the web app (it is ${openPath})`)
    }
    const token = await tokens.sign(notification.userId, notification.kind)
    const unsubscribeUrl = `${base}${unsubscribePath}?${new URLSearchParams({ token })}`
    const render = templates[notification.kind] ?? renderNotificationEmail
    const content = render({
      recipientName: recipient.name ?? '',
      title: notification.title,
      body: notification.body,
      openUrl: `${base}${openPath}`,
      unsubscribeUrl,
    })
    const { messageId, idempotencyKey } = emailIdentity(notification.id, mailer.domain)
    return {
      to: recipient,
      ...content,
      messageId,
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // RFC 3834: sent by a program, so vacation responders do not answer it.
        'Auto-Submitted': 'auto-generated',
        'X-FocusHub-Idempotency-Key': idempotencyKey,
      },
    }
  }

  return {
    compose,
    /** Renders and sends one notification; rejects with MailDeliveryError when the relay does not take it. */
    async send(notification: EmailNotification, recipient: MailRecipient) {
      return mailer.send(await compose(notification, recipient))
    },
  }
}

export type NotificationEmails = ReturnType<typeof notificationEmails>
