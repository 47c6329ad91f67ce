import { z } from 'zod';

import type {
  AppConfig,
  AuditRetentionConfig,
  OktaConfig,
  RequestLimitsConfig,
} from './app-config.js';

/** A variable that is set but holds a value Ferry cannot use. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable} must be ${expected}`);
  }
}

const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates every setting Ferry takes from its environment. This
 * is the only module that reads `process.env`; everything else receives the
 * frozen result. A bad value throws a ConfigError naming the variable.
 */
export function loadConfig(environment: Environment = process.env): AppConfig {
  const read = reader(environment);
  const port = read('PORT', integerIn(1, 65_535), '8080');
  const maxPageSize = read('FERRY_MAX_PAGE_SIZE', integerIn(1, 10_000), '200');
  const okta = readOktaConfig(environment);

  return Object.freeze({
    port,
    host: read('HOST', nonEmptyText(), '0.0.0.0'),
    redisUrl: read('REDIS_URL', redisUrl(), undefined),
    redisKeyPrefix: read('FERRY_REDIS_PREFIX', hashTaggedPrefix(), '{ferry}'),
    publicUrl: withoutTrailingSlash(
      read('FERRY_PUBLIC_URL', httpUrl(), `http://localhost:${port}`),
    ),
    logLevel: read('LOG_LEVEL', logLevel(), 'info'),
    allowEviction: read('FERRY_ALLOW_EVICTION', booleanFlag(), 'false'),
    maxBodyBytes: read(
      'FERRY_MAX_BODY_BYTES',
      integerIn(1024, 1 << 30),
      '1048576',
    ),
    maxPageSize,
    defaultPageSize: Math.min(100, maxPageSize),
    okta: okta.config,
    oktaDisabledReason: okta.disabledReason,
    sync: Object.freeze({
      enabled: read('SYNC_ENABLED', booleanFlag(), 'true'),
      schedule: read('SYNC_SCHEDULE', cronPattern(), '0 0 * * * *'),
      maxDeactivationShare: read(
        'SYNC_MAX_DEACTIVATION_SHARE',
        fractionOfOne(),
        '0.1',
      ),
    }),
    auditRetention: readAuditRetention(environment),
    limits: readRequestLimits(environment),
    redisTimeoutMs: read(
      'FERRY_REDIS_TIMEOUT_MS',
      integerIn(100, 60_000),
      '2000',
    ),
    metricsTokenRequired: read(
      'FERRY_METRICS_TOKEN_REQUIRED',
      booleanFlag(),
      'false',
    ),
    trustProxy: read('FERRY_TRUST_PROXY', booleanFlag(), 'false'),
  });
}

function readAuditRetention(environment: Environment): AuditRetentionConfig {
  const read = reader(environment);
  return Object.freeze({
    maxEvents: read(
      'FERRY_EVENTS_MAX_COUNT',
      integerIn(1000, 1_000_000_000),
      '1000000',
    ),
    maxAgeDays: read('FERRY_EVENTS_MAX_AGE_DAYS', integerIn(0, 36_500), '365'),
  });
}

function readRequestLimits(environment: Environment): RequestLimitsConfig {
  const read = reader(environment);
  return Object.freeze({
    requestsPerToken: read(
      'FERRY_RATE_LIMIT_REQUESTS',
      integerIn(0, 1_000_000),
      '3000',
    ),
    requestWindowSeconds: read(
      'FERRY_RATE_LIMIT_WINDOW_SECONDS',
      integerIn(1, 86_400),
      '60',
    ),
    authFailuresPerAddress: read(
      'FERRY_AUTH_FAILURE_LIMIT',
      integerIn(0, 1_000_000),
      '20',
    ),
    authFailureWindowSeconds: read(
      'FERRY_AUTH_FAILURE_WINDOW_SECONDS',
      integerIn(1, 86_400),
      '300',
    ),
    maxJsonDepth: read('FERRY_MAX_JSON_DEPTH', integerIn(4, 256), '32'),
    maxFilterLength: read(
      'FERRY_FILTER_MAX_LENGTH',
      integerIn(64, 65_536),
      '4096',
    ),
    maxFilterDepth: read('FERRY_FILTER_MAX_DEPTH', integerIn(1, 256), '16'),
    maxPatchOperations: read(
      'FERRY_PATCH_MAX_OPERATIONS',
      integerIn(1, 100_000),
      '1000',
    ),
  });
}

function readOktaConfig(environment: Environment): {
  config: OktaConfig | undefined;
  disabledReason: string | undefined;
} {
  const read = reader(environment);
  const orgUrl = read('OKTA_ORG_URL', httpUrl(), undefined);
  const token = read('OKTA_API_TOKEN', nonEmptyText(), undefined);
  const clientId = read('OKTA_CLIENT_ID', nonEmptyText(), undefined);
  const privateKey = read('OKTA_PRIVATE_KEY', nonEmptyText(), undefined);
  const keyId = read('OKTA_KEY_ID', nonEmptyText(), undefined);
  const userSearch = read('OKTA_USER_SEARCH', nonEmptyText(), undefined);

  if (orgUrl === undefined) {
    return { config: undefined, disabledReason: 'OKTA_ORG_URL is not set' };
  }
  if (token !== undefined && clientId !== undefined) {
    throw new ConfigError(
      'OKTA_API_TOKEN',
      'unset when OKTA_CLIENT_ID is set (choose one way to authenticate)',
    );
  }
  const base = { orgUrl: withoutTrailingSlash(orgUrl), userSearch };
  if (token !== undefined) {
    return {
      config: { ...base, credentials: { kind: 'apiToken', token } },
      disabledReason: undefined,
    };
  }
  if (clientId === undefined) {
    return {
      config: undefined,
      disabledReason:
        'neither OKTA_API_TOKEN nor OKTA_CLIENT_ID with OKTA_PRIVATE_KEY is set',
    };
  }
  if (privateKey === undefined) {
    throw new ConfigError(
      'OKTA_PRIVATE_KEY',
      'set to a PEM or JWK private key when OKTA_CLIENT_ID is set',
    );
  }
  return {
    config: {
      ...base,
      credentials: { kind: 'privateKey', clientId, privateKey, keyId },
    },
    disabledReason: undefined,
  };
}

interface Rule<T> {
  schema: z.ZodType<T, string>;
  expected: string;
}

function reader(environment: Environment) {
  return function read<T, D extends string | undefined>(
    variable: string,
    rule: Rule<T>,
    fallback: D,
  ): D extends string ? T : T | undefined {
    const raw = environment[variable];
    const text = raw === undefined || raw.trim() === '' ? fallback : raw.trim();
    if (text === undefined) return undefined as D extends string ? T : T;
    const parsed = rule.schema.safeParse(text);
    if (!parsed.success) throw new ConfigError(variable, rule.expected);
    return parsed.data;
  };
}

function nonEmptyText(): Rule<string> {
  return { schema: z.string().min(1), expected: 'a non-empty text' };
}

function logLevel(): Rule<(typeof LOG_LEVELS)[number]> {
  return { schema: z.enum(LOG_LEVELS), expected: LOG_LEVELS.join(', ') };
}

function integerIn(min: number, max: number): Rule<number> {
  return {
    schema: z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .pipe(z.number().int().min(min).max(max)),
    expected: `a whole number from ${min} to ${max}`,
  };
}

function fractionOfOne(): Rule<number> {
  return {
    schema: z
      .string()
      .regex(/^(0|1)?(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().min(0).max(1)),
    expected: 'a decimal from 0 to 1, such as 0.1 for 10%',
  };
}

function booleanFlag(): Rule<boolean> {
  return {
    schema: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .transform((text) => ['true', '1', 'yes'].includes(text)),
    expected: 'true or false',
  };
}

function httpUrl(): Rule<string> {
  return {
    schema: z.string().refine(isHttpUrl),
    expected: 'an absolute http:// or https:// URL',
  };
}

function redisUrl(): Rule<string> {
  return {
    schema: z.string().refine((text) => /^rediss?:\/\/./.test(text)),
    expected: 'a redis:// or rediss:// URL, such as redis://127.0.0.1:6379',
  };
}

function hashTaggedPrefix(): Rule<string> {
  return {
    schema: z.string().regex(/^\{[A-Za-z0-9_.-]+\}$/),
    expected: 'a Redis hash tag in braces, such as {ferry}',
  };
}

function cronPattern(): Rule<string> {
  return {
    schema: z.string().refine((text) => {
      const fields = text.split(/\s+/).length;
      return fields === 5 || fields === 6;
    }),
    expected: 'a cron pattern of 5 or 6 fields, such as "0 0 * * * *" (hourly)',
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
