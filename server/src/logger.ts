import pino, { type Logger } from "pino";

/**
 * The one logger. Redaction is configured here so that no call site can log a credential,
 * whatever object it passes.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "apiKey",
          "appKey",
          "credentials",
          "*.apiKey",
          "*.appKey",
          "*.credentials",
          'req.headers["dd-api-key"]',
          'req.headers["dd-application-key"]',
          "req.headers.authorization",
          "req.headers.cookie",
          'headers["dd-api-key"]',
          'headers["dd-application-key"]',
          'headers["DD-API-KEY"]',
          'headers["DD-APPLICATION-KEY"]',
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export type { Logger };
