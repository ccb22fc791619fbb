import { type App, Problem, problems, routeScope } from '@focushub/shared/http'
import type { NotificationContext } from '../../context.ts'
import type { UnsubscribeTokens } from '../email/unsubscribe-token.ts'
import { confirmPage, donePage, failedPage, pageHeaders } from './unsubscribe.pages.ts'
import { HtmlPage, OneClickBody, UnsubscribeQuery } from './unsubscribe.schemas.ts'
import { checkUnsubscribeToken, unsubscribe } from './unsubscribe.service.ts'

/**
 * The one-click unsubscribe link of every e-mail (RFC 8058), public: its signed token is the whole
 * credential. GET shows a page with a button (link scanners GET on their own: nothing changes);
 * POST `List-Unsubscribe=One-Click` turns the e-mail off.
 */
export async function unsubscribeRoutes(
  app: App,
  { ctx, tokens }: { ctx: NotificationContext; tokens: UnsubscribeTokens },
) {
  routeScope(app, { tags: ['notifications'], access: 'public' })
  // RFC 8058 §3.1: mail clients POST an HTML form's encoding, and these routes read no other.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )

  app.get(
    '/notifications/unsubscribe',
    {
      schema: {
        summary: 'The page of an e-mail’s unsubscribe link: what it turns off, and the button (no sign-in)',
        querystring: UnsubscribeQuery,
        response: {
          200: HtmlPage('The confirmation page, whose form POSTs List-Unsubscribe=One-Click'),
          400: {
            description: 'The link is not valid: a page saying so (problem+json when the query itself is malformed)',
            content: { ...HtmlPage('').content, 'application/problem+json': { schema: Problem } },
          },
          410: HtmlPage('The link has expired: a page saying so'),
        },
      },
    },
    async (request, reply) => {
      const verdict = await tokens.verify(request.query.token)
      reply.headers(pageHeaders)
      if (!verdict.valid)
        return reply.code(verdict.reason === 'expired' ? 410 : 400).send(failedPage(verdict.reason === 'expired'))
      return confirmPage(verdict.kind, request.query.token)
    },
  )

  app.post(
    '/notifications/unsubscribe',
    {
      schema: {
        summary:
          'One-click unsubscribe (RFC 8058): turn that kind’s e-mail (or all) off, no sign-in; again is no error',
        querystring: UnsubscribeQuery,
        consumes: ['application/x-www-form-urlencoded'],
        body: OneClickBody,
        response: { 200: HtmlPage('Unsubscribed: a page saying so'), ...problems(400, 410) },
      },
    },
    async (request, reply) => {
      const { userId, kind } = await checkUnsubscribeToken(tokens, request.query.token)
      await unsubscribe(ctx, userId, kind)
      ctx.log.info({ userId, kind }, 'unsubscribed from e-mail')
      reply.headers(pageHeaders)
      return donePage(kind)
    },
  )
}
