/**
 * Nest's own start-up narration: a line per module initialised and per route mapped (about 90
 * at info), "Starting Nest application", and the bootstrap `ExceptionHandler` stack that
 * `main.ts` replaces with one line. Logged at debug; the service says `listening on …` itself.
 */
const STARTUP_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'ExceptionHandler',
]);

export function isStartupChatter(context: unknown): boolean {
  return typeof context === 'string' && STARTUP_CONTEXTS.has(context);
}
