import type { IncomingMessage, ServerResponse } from 'node:http'
import AjvCompiler, { type BuildCompilerFromPool } from '@fastify/ajv-compiler'
import swagger from '@fastify/swagger'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
  type RawServerDefault,
} from 'fastify'
import { type ErrorCatalogue, genericErrors, problemTypeBase } from '../errors.ts'
import { createLogger } from '../logger.ts'
import { traceRequests, unsampledTraceFields } from '../tracing/index.ts'
import { answerUndeclaredMethods } from './allowed-methods.ts'
import { type AnswerDocument, declareProblemAnswers } from './openapi-answers.ts'
import { registerProblemHandlers, sendFrameworkProblem } from './problem.ts'
import { requestIdFrom } from './request-id.ts'
import { defaultSecurity } from './routes.ts'
import { Problem } from './schemas.ts'
import { registerConditionalRequests } from './versions.ts'

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's name, as in logs and health answers. */
    serviceName: string
  }
}

export interface CreateAppOptions {
  service: string
  logLevel: string
  bodyLimit?: number
  fastify?: Partial<FastifyServerOptions>
  /** The service's own error catalogue (`src/errors.ts`), published beside the shared codes as `ProblemCode`. */
  errors?: ErrorCatalogue<string>
}

/**
 * Fastify's own Ajv compiler, twice: querystring, params and headers arrive as text and are coerced
 * to the types their schema declares (`?limit=20`, a single value to a one-item array); a JSON body
 * already carries its types, so a number where the schema says string is refused (400), not turned
 * into one.
 */
function validatorCompilers() {
  const coercing = AjvCompiler()
  const exact = AjvCompiler()
  const buildValidator: BuildCompilerFromPool = (externalSchemas, options = {}) => {
    const forText = coercing(externalSchemas, options)
    const forBodies = exact(externalSchemas, {
      ...options,
      customOptions: { ...options.customOptions, coerceTypes: false },
    } as typeof options)
    // The pool's typings call the argument a schema: Fastify passes the route, `{ schema, httpPart, … }`.
    const compile = (route: { httpPart?: string }) => (route.httpPart === 'body' ? forBodies : forText)(route)
    return compile as ReturnType<BuildCompilerFromPool>
  }
  return { buildValidator }
}

/**
 * The Fastify instance every FocusHub process starts from: one logger, request ids,
 * strict schema validation, problem+json errors.
 */
export function createApp(options: CreateAppOptions): App {
  const app = Fastify({
    loggerInstance: createLogger(options.service, options.logLevel),
    genReqId: requestIdFrom,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // A request's lines carry its trace's ids, traced or not (unsampledTraceFields).
    childLoggerFactory: (logger, bindings, loggerOptions, request) =>
      logger.child({ ...bindings, ...unsampledTraceFields(request.headers.traceparent) }, loggerOptions),
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    return503OnClosing: true,
    frameworkErrors: sendFrameworkProblem,
    ajv: { customOptions: { coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: true } },
    schemaController: { compilersFactory: validatorCompilers() },
    ...options.fastify,
  }).withTypeProvider<TypeBoxTypeProvider>()
  app.decorate('serviceName', options.service)
  traceRequests(app)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  // While closing, answer in-flight requests with Connection: close so keep-alive sockets end
  // with them instead of holding shutdown open until their idle timeout.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close')
  })
  registerProblemHandlers(app)
  answerUndeclaredMethods(app)
  registerConditionalRequests(app)
  registerOpenApi(app, options.service, options.errors)
  return app
}

/** The `code` of every problem answer: each one this service gives, with its status and meaning. */
function problemCodeSchema(catalogue?: ErrorCatalogue<string>) {
  const definitions = { ...genericErrors.definitions, ...catalogue?.definitions }
  return {
    type: 'string' as const,
    description: `The \`code\` of a problem answer (its \`type\` is ${problemTypeBase}<code>); a request the framework refuses before any route (a malformed body, an unknown media type) carries the framework's code`,
    oneOf: Object.entries(definitions).map(([code, { status, meaning }]) => ({
      enum: [code],
      description: `${status}: ${meaning}`,
    })),
  }
}

/**
 * Every process publishes an OpenAPI 3.1 document generated from its route schemas at
 * GET /openapi.json. Registered first, so it sees every route registered after it.
 */
function registerOpenApi(app: App, service: string, catalogue?: ErrorCatalogue<string>) {
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: service, version: '1' },
      // A route needs a user's token unless its scope says otherwise (routeScope): public routes
      // declare `security: []`, internal routes `serviceAuth`.
      security: defaultSecurity,
      components: {
        schemas: { ProblemCode: problemCodeSchema(catalogue) },
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          serviceAuth: { type: 'http', scheme: 'basic', description: 'a calling service: <service>:<secret>' },
        },
      },
    },
    // Problem answers as what they are (application/problem+json), and those every route can give.
    transformObject: (generated) => {
      if (!('openapiObject' in generated)) return generated.swaggerObject
      const document = declareProblemAnswers(generated.openapiObject as AnswerDocument, Problem)
      return document as typeof generated.openapiObject
    },
  })
  app.register(async (instance) => {
    instance.get('/openapi.json', { schema: { hide: true }, logLevel: 'warn' }, async () => instance.swagger())
  })
}
