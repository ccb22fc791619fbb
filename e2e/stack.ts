/** Where the running stack listens, from the same variables the stack scripts use. */
const env = process.env

export const edgeUrl = `http://127.0.0.1:${env.NGINX_PORT ?? '80'}`

export const processes: Record<string, string> = {
  'auth-service': `http://127.0.0.1:${env.AUTH_SERVICE_PORT ?? '3001'}`,
  'task-service': `http://127.0.0.1:${env.TASK_SERVICE_PORT ?? '3002'}`,
  'focus-service': `http://127.0.0.1:${env.FOCUS_SERVICE_PORT ?? '3003'}`,
  'habit-service': `http://127.0.0.1:${env.HABIT_SERVICE_PORT ?? '3004'}`,
  'notification-service': `http://127.0.0.1:${env.NOTIFICATION_SERVICE_PORT ?? '3005'}`,
  'social-service': `http://127.0.0.1:${env.SOCIAL_SERVICE_PORT ?? '3006'}`,
  ...Object.fromEntries(
    (env.GATEWAY_REPLICA_PORTS ?? '3000,3100')
      .split(',')
      .map((port, i) => [`gateway-${i + 1}`, `http://127.0.0.1:${port}`]),
  ),
  'load-balancer': `http://127.0.0.1:${env.LB_PORT ?? '8080'}`,
}
