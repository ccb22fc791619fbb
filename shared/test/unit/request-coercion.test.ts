import Type from 'typebox'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, createApp } from '../../src/http/create-app.ts'

let app: App

afterEach(async () => {
  await app?.close()
})

async function echoApp() {
  app = createApp({ service: 'test', logLevel: 'silent' })
  app.post(
    '/things/:n',
    {
      schema: {
        params: Type.Object({ n: Type.Integer() }),
        querystring: Type.Object({
          tags: Type.Optional(Type.Array(Type.String())),
          limit: Type.Optional(Type.Integer()),
        }),
        headers: Type.Object({ 'x-count': Type.Optional(Type.Integer()) }),
        body: Type.Object({ name: Type.String(), count: Type.Optional(Type.Integer()) }),
      },
    },
    async (request) => ({
      n: request.params.n,
      query: request.query,
      count: request.headers['x-count'],
      body: request.body,
    }),
  )
  await app.ready()
  return app
}

describe('request validation', () => {
  it('coerces text parts (params, querystring, headers) to their declared types', async () => {
    const response = await (await echoApp()).inject({
      method: 'POST',
      url: '/things/7?tags=a&limit=20',
      headers: { 'x-count': '3' },
      payload: { name: 'x' },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ n: 7, query: { tags: ['a'], limit: 20 }, count: 3, body: { name: 'x' } })
  })

  it('takes a JSON body as typed: a number is not a string, nor a string a number (400)', async () => {
    await echoApp()
    for (const payload of [{ name: -5.8e-15 }, { name: 'x', count: '3' }, { name: true }]) {
      const response = await app.inject({ method: 'POST', url: '/things/1', payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
  })
})
