import escapeHtml from 'escape-html'

/** HTML that may go into a page as it is. Only `html` makes it, escaping every value it is given. */
export class SafeHtml {
  readonly value: string

  constructor(value: string) {
    this.value = value
  }

  toString() {
    return this.value
  }
}

const asHtml = (value: unknown): string => {
  if (value instanceof SafeHtml) return value.value
  if (Array.isArray(value)) return value.map(asHtml).join('')
  return escapeHtml(String(value ?? ''))
}

/**
 * The templates' one way to write HTML: a tagged template whose values are all escaped (text,
 * attribute values in double quotes), except SafeHtml made by `html` itself. No user text can
 * reach a message's HTML unescaped, whichever template forgets what.
 */
export const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  new SafeHtml(strings.reduce((out, part, i) => out + asHtml(values[i - 1]) + part))

/** What a template tells: text from the notification and the recipient, links from the service. */
export interface EmailView {
  recipientName: string
  title: string
  body: string
  /** Where the notification opens in the web app. */
  openUrl: string
  /** The one-click unsubscribe link (a GET shows what it does; only the POST unsubscribes). */
  unsubscribeUrl: string
}

export interface EmailContent {
  subject: string
  text: string
  html: string
}

// Control characters (C0, DEL, C1) but tab and line feed: never part of a message's text.
const controlCharacters = /[^\P{Cc}\t\n]/gu
const plain = (text: string) => text.replace(/\r\n?/g, '\n').replace(controlCharacters, '')
/** A subject is one line (a header field), of a length mail clients show whole. */
const subjectOf = (title: string) => {
  const line = plain(title).replace(/\s+/g, ' ').trim()
  return line.length > 150 ? `${line.slice(0, 149)}…` : line
}

/** A paragraph; one whose every line after the first starts "- " (the daily agenda's sections) is a heading and a list. */
function block(paragraph: string) {
  const [heading, ...lines] = paragraph.split('\n')
  if (lines.length === 0 || !lines.every((line) => line.startsWith('- '))) {
    return html`<p style="margin:0 0 16px">${paragraph}</p>`
  }
  const items = lines.map((line) => html`<li>${line.slice(2)}</li>`)
  return html`<p style="margin:0 0 4px">${heading}</p><ul style="margin:0 0 16px;padding-left:20px">${items}</ul>`
}

type Block = (paragraph: string) => SafeHtml

const paragraphs = (text: string, render: Block) =>
  plain(text)
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map(render)

/** "Label: value" or "Label: value (change)": a line of the weekly review's figures. */
const figureLine = /^([^:\n]+): ([^()\n]+?)(?: \(([^()\n]+)\))?$/

/** A paragraph of two or more lines, each a figure (the weekly review's), is a table of label, value and change. */
function figuresBlock(paragraph: string) {
  const figures = paragraph.split('\n').map((line) => figureLine.exec(line))
  if (figures.length < 2 || !figures.every((figure) => figure !== null)) return block(paragraph)
  const cell = 'padding:4px 16px 4px 0'
  const rows = figures.map(
    ([, label, value, change]) =>
      html`<tr><th scope="row" style="${cell};text-align:left;font-weight:normal">${label}</th><td style="${cell};font-weight:600">${value}</td><td style="${cell};color:#59636e">${change ?? ''}</td></tr>`,
  )
  return html`<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${rows}</table>`
}

/** The generic template: every kind is told with it until the kind has one of its own. */
export function renderNotificationEmail(view: EmailView, render: Block = block): EmailContent {
  const subject = subjectOf(view.title)
  const name = plain(view.recipientName).trim()
  const greeting = name === '' ? 'Hello,' : `Hi ${name},`
  const text = [
    greeting,
    '',
    plain(view.title),
    '',
    plain(view.body),
    '',
    `Open FocusHub: ${view.openUrl}`,
    '',
    '-- ',
    'You get this e-mail because e-mails of this kind are on in your FocusHub notification settings.',
    `Unsubscribe from them: ${view.unsubscribeUrl}`,
    '',
  ].join('\n')
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${subject}</title>
</head>
<body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px">${greeting}</p>
<h1 style="margin:0 0 16px;font-size:20px">${plain(view.title)}</h1>
${paragraphs(view.body, render)}
<p style="margin:24px 0"><a href="${view.openUrl}" style="color:#0b57d0">Open FocusHub</a></p>
</div>
<p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#59636e">
You get this e-mail because e-mails of this kind are on in your FocusHub notification settings.
<a href="${view.unsubscribeUrl}" style="color:#59636e">Unsubscribe from them</a>.
</p>
</body>
</html>
`
  return { subject, text, html: page.value }
}

/** The weekly review: the generic frame, its figures as a table (label, value, change against the week before). */
export const renderWeeklyReviewEmail = (view: EmailView) => renderNotificationEmail(view, figuresBlock)
