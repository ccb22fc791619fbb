import { type App, currentUser, etagOf, expectedVersion, IfMatchHeaders, problems } from '@focushub/shared'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { CreateLabelBody, Label, LabelPage, LabelParams, ListLabelsQuery, UpdateLabelBody } from './labels.schemas.ts'
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './labels.service.ts'

const tags = ['labels']
const security = [{ bearerAuth: [] }]

export async function labelsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  app.post(
    '/labels',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Create one of my labels',
        body: CreateLabelBody,
        response: { 201: Label, ...problems(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const label = await createLabel(ctx, currentUser(request).userId, request.body)
      return reply.code(201).header('etag', etagOf(label.version)).send(label)
    },
  )

  app.get(
    '/labels',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'My labels',
        querystring: ListLabelsQuery,
        response: { 200: LabelPage, ...problems(400, 401) },
      },
    },
    async (request) => listLabels(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/labels/:labelId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'One of my labels',
        params: LabelParams,
        response: { 200: Label, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const label = await getLabel(ctx, currentUser(request).userId, request.params.labelId)
      return reply.header('etag', etagOf(label.version)).send(label)
    },
  )

  app.patch(
    '/labels/:labelId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Rename or recolour a label',
        params: LabelParams,
        headers: IfMatchHeaders,
        body: UpdateLabelBody,
        response: { 200: Label, ...problems(400, 401, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body
      const expected = expectedVersion(version, request.headers['if-match'])
      const label = await updateLabel(ctx, currentUser(request).userId, request.params.labelId, changes, expected)
      return reply.header('etag', etagOf(label.version)).send(label)
    },
  )

  app.delete(
    '/labels/:labelId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Delete a label; it comes off every task',
        params: LabelParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 412) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(undefined, request.headers['if-match'])
      await deleteLabel(ctx, currentUser(request).userId, request.params.labelId, expected)
      return reply.code(204).send(null)
    },
  )
}
