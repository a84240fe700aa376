import pino, { Logger } from 'pino';

/**
 * Structured logs, one JSON object per line. Personal values never reach the log: request
 * variables and referral text are not logged anywhere, and these paths are redacted as a backstop
 * in case a caller logs an object that carries them.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'tandem' },
    redact: {
      paths: ['req.headers.authorization', 'variables', '*.variables', 'input', '*.input', 'reason', 'message.text'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
