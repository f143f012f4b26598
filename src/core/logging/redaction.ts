/** Log paths that may carry credentials; pino replaces their values. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.apiKey',
  '*.apiSecret',
  '*.api_key',
  '*.api_secret',
  '*.password',
  '*.secret',
  '*.token',
];
