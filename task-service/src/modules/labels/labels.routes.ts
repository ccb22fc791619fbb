import { currentUser } from '@focushub/shared/auth'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { TaskContext } from '../../context.ts'
import { CreateLabelBody, Label, LabelPage, LabelParams, ListLabelsQuery, UpdateLabelBody } from './labels.schemas.ts'
import { createLabel, deleteLabel, getLabel, listLabels, updateLabel } from './labels.service.ts'

export async function labelsRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, { tags: ['labels'], access: 'user' })

  app.post(
    '/labels',
    {
      schema: {
        summary: 'Create one of my labels',
        body: CreateLabelBody,
        response: { 201: Label, ...problems(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const label = await createLabel(ctx, currentUser(request).userId, request.body)
      return reply.code(201).send(label)
    },
  )

  app.get(
    '/labels',
    {
      schema: {
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
      schema: {
        summary: 'One of my labels',
        params: LabelParams,
        response: { 200: Label, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const label = await getLabel(ctx, currentUser(request).userId, request.params.labelId)
      return label
    },
  )

  app.patch(
    '/labels/:labelId',
    {
      schema: {
        summary: 'Rename or recolour a label',
        params: LabelParams,
        headers: IfMatchHeaders,
        body: UpdateLabelBody,
        response: { 200: Label, ...problems(400, 401, 404, 409, 412) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = version ?? request.ifMatchVersion
      const label = await updateLabel(ctx, currentUser(request).userId, request.params.labelId, changes, expected)
      return label
    },
  )

  app.delete(
    '/labels/:labelId',
    {
      schema: {
        summary: 'Delete a label; it comes off every task',
        params: LabelParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 412) },
      },
    },
    async (request, reply) => {
      const expected = request.ifMatchVersion
      await deleteLabel(ctx, currentUser(request).userId, request.params.labelId, expected)
      return reply.code(204).send(null)
    },
  )
}
