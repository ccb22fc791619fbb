import { describe, expect, it } from 'vitest'
import { openPathOf } from '../../src/modules/email/email.service.ts'
import { html, renderNotificationEmail } from '../../src/modules/email/email.templates.ts'

const hostile = `<script>alert("x")</script> & 'quotes'`

const view = {
  recipientName: hostile,
  title: `Goal reached <img src=x onerror=alert(1)>`,
  body: `First paragraph with ${hostile}.\n\nSecond one.`,
  openUrl: 'http://localhost/focus?day=2026-03-01&x="y"',
  unsubscribeUrl: 'http://localhost/api/v1/notifications/unsubscribe?token=a.b.c',
}

describe('html: the templates’ only way to write markup', () => {
  it('escapes every value, in text and in double-quoted attributes', () => {
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    )
  })

  it('keeps markup it made itself, alone or in a list, and writes nothing for null or undefined', () => {
    const items = ['<a>', '<b>'].map((item) => html`<li>${item}</li>`)
    expect(html`<ul>${items}</ul>${null}${undefined}`.value).toBe('<ul><li>&lt;a&gt;</li><li>&lt;b&gt;</li></ul>')
  })
})

describe('the generic notification e-mail', () => {
  const mail = renderNotificationEmail(view)

  it('tells the notification in plain text as written, with both links', () => {
    expect(mail.text).toContain(`Hi ${hostile},`)
    expect(mail.text).toContain(view.title)
    expect(mail.text).toContain(`First paragraph with ${hostile}.\n\nSecond one.`)
    expect(mail.text).toContain(`Open FocusHub: ${view.openUrl}`)
    expect(mail.text).toContain(`Unsubscribe from them: ${view.unsubscribeUrl}`)
  })

  it('renders no user text as markup in the HTML', () => {
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).not.toContain('<img')
    expect(mail.html).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;,')
    expect(mail.html).toContain(
      '<h1 style="margin:0 0 16px;font-size:20px">Goal reached &lt;img src=x onerror=alert(1)&gt;</h1>',
    )
    expect(mail.html).toContain('<p style="margin:0 0 16px">Second one.</p>')
    expect(mail.html).toContain('href="http://localhost/focus?day=2026-03-01&amp;x=&quot;y&quot;"')
    expect(mail.html).toContain(`href="${view.unsubscribeUrl}"`)
  })

  it('makes the subject one line without control characters, cut to a length clients show', () => {
    const long = renderNotificationEmail({ ...view, title: `Line one\r\nBcc: x@example.test\u0000 ${'a'.repeat(300)}` })
    expect(long.subject).toMatch(/^Line one Bcc: x@example.test a+…$/)
    expect(long.subject).toHaveLength(150)
    expect(mail.subject).toBe(view.title)
  })

  it('greets without a name when there is none', () => {
    const anonymous = renderNotificationEmail({ ...view, recipientName: '  ' })
    expect(anonymous.text.startsWith('Hello,\n')).toBe(true)
    expect(anonymous.html).toContain('<p style="margin:0 0 16px">Hello,</p>')
  })
})

describe('the daily agenda e-mail (a heading and "- " lines)', () => {
  const body = `Due today (2):\n- Pay <rent> & bills\n- Call the bank (14:00)\n\nHabits due (1):\n- ${hostile}\n\nYesterday: no focus sessions.`
  const mail = renderNotificationEmail({ ...view, title: 'Your day: 2 tasks, 1 habit', body })

  it('renders each section as a heading and a list, every item escaped', () => {
    expect(mail.html).toContain(
      '<p style="margin:0 0 4px">Due today (2):</p><ul style="margin:0 0 16px;padding-left:20px">' +
        '<li>Pay &lt;rent&gt; &amp; bills</li><li>Call the bank (14:00)</li></ul>',
    )
    expect(mail.html).toContain('<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</li>')
    expect(mail.html).not.toContain('<script>')
    expect(mail.html).toContain('<p style="margin:0 0 16px">Yesterday: no focus sessions.</p>')
  })

  it('keeps the lists as written in the plain text', () => {
    expect(mail.text).toContain(body)
  })
})

describe('where an e-mail opens', () => {
  const id = '0190f0f0-0000-7000-8000-0000000000aa'
  it('follows the ids in its data, as the inbox links them, else the start page', () => {
    expect(openPathOf({ taskId: id, projectId: id })).toBe(`/tasks/${id}`)
    expect(openPathOf({ projectId: id, invitationId: id, invitedBy: id })).toBe('/invitations')
    expect(openPathOf({ sessionId: id, sharedBy: id })).toBe('/focus/shared')
    expect(openPathOf({ achievementId: 'first-focus' })).toBe('/achievements')
    expect(openPathOf({ habitId: id })).toBe(`/habits/${id}`)
    expect(openPathOf({ localDate: '2026-12-06' })).toBe('/stats')
    expect(openPathOf({ weekStart: '2026-11-30', focusMinutes: 30 })).toBe('/stats')
    expect(openPathOf({ conversationId: id, messageId: id, senderId: id, messageCount: 2 })).toBe(`/messages/${id}`)
    expect(openPathOf({ personId: id })).toBe('/people')
    expect(openPathOf({})).toBe('/')
  })
})
