import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import { AccountExport, AccountExportPage, ExportLink, ExportPageQuery, ExportParams } from './exports.schemas.ts'
import {
  type ExportContext,
  exportLink,
  getExport,
  listExports,
  removeExport,
  requestExport,
} from './exports.service.ts'

/**
 * A signed-in user's exports of their account: requested only from a sign-in (a personal access token
 * reaches none of these routes, as an export holds every area's data), another's answering 404.
 */
export async function exportsRoutes(app: App, { ctx }: { ctx: ExportContext }) {
  routeScope(app, { tags: ['exports'], access: 'user' })

  app.post(
    '/exports',
    {
      schema: {
        summary:
          'Export everything of my account (a ZIP of JSON and CSV): built in the background, then downloadable for a while',
        response: { 202: AccountExport, ...problems(401, 403, 409, 429) },
      },
    },
    async (request, reply) => reply.code(202).send(await requestExport(ctx, currentUser(request).userId)),
  )

  app.get(
    '/exports',
    {
      schema: {
        summary: 'My exports, newest first (until they expire)',
        querystring: ExportPageQuery,
        response: { 200: AccountExportPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => listExports(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/exports/:id',
    {
      schema: {
        summary: 'One of my exports: whether it is ready, and what it holds',
        params: ExportParams,
        response: { 200: AccountExport, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => getExport(ctx, currentUser(request).userId, request.params.id),
  )

  app.post(
    '/exports/:id/link',
    {
      schema: {
        summary: 'A short-lived link to download a ready export (ask again once it expires)',
        params: ExportParams,
        response: { 200: ExportLink, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => exportLink(ctx, currentUser(request).userId, request.params.id),
  )

  app.delete(
    '/exports/:id',
    {
      schema: {
        summary: 'Delete an export and its file now',
        params: ExportParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeExport(ctx, currentUser(request).userId, request.params.id)
      return reply.code(204).send(null)
    },
  )
}
