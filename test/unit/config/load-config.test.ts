import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../../src/config/load-config.js';

describe('loadConfig', () => {
  it('fills every default when the environment is empty', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      redisUrl: undefined,
      redisKeyPrefix: '{ferry}',
      publicUrl: 'http://localhost:8080',
      logLevel: 'info',
      maxPageSize: 200,
      okta: undefined,
      oktaDisabledReason: 'OKTA_ORG_URL is not set',
    });
    expect(config.sync).toEqual({
      enabled: true,
      schedule: '0 0 * * * *',
      maxDeactivationShare: 0.1,
    });
  });

  it('names the variable and the expected form when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      new ConfigError('PORT', 'a whole number from 1 to 65535'),
    );
    expect(() => loadConfig({ FERRY_PUBLIC_URL: 'ftp://x' })).toThrow(
      /^FERRY_PUBLIC_URL must be an absolute http/,
    );
    expect(() => loadConfig({ FERRY_REDIS_PREFIX: 'ferry' })).toThrow(
      /^FERRY_REDIS_PREFIX must be a Redis hash tag/,
    );
  });

  it('strips trailing slashes from the public and Okta URLs', () => {
    const config = loadConfig({
      FERRY_PUBLIC_URL: 'https://ferry.example.com/',
      OKTA_ORG_URL: 'https://acme.okta.com//',
      OKTA_API_TOKEN: 'secret',
    });
    expect(config.publicUrl).toBe('https://ferry.example.com');
    expect(config.okta?.orgUrl).toBe('https://acme.okta.com');
  });

  it('refuses a client id without a private key', () => {
    expect(() =>
      loadConfig({ OKTA_ORG_URL: 'https://a.okta.com', OKTA_CLIENT_ID: 'c' }),
    ).toThrow(/^OKTA_PRIVATE_KEY must be set/);
  });
});

describe('loadConfig: operating limits and retention', () => {
  it('fills the documented defaults', () => {
    const config = loadConfig({});
    expect(config.auditRetention).toEqual({
      maxEvents: 1_000_000,
      maxAgeDays: 365,
    });
    expect(config.limits).toEqual({
      requestsPerToken: 3000,
      requestWindowSeconds: 60,
      authFailuresPerAddress: 20,
      authFailureWindowSeconds: 300,
      maxJsonDepth: 32,
      maxFilterLength: 4096,
      maxFilterDepth: 16,
      maxPatchOperations: 1000,
    });
    expect(config.redisTimeoutMs).toBe(2000);
    expect(config.metricsTokenRequired).toBe(false);
    expect(config.trustProxy).toBe(false);
  });

  it('reads each setting from its variable, 0 turning a limit off', () => {
    const config = loadConfig({
      FERRY_EVENTS_MAX_COUNT: '5000',
      FERRY_EVENTS_MAX_AGE_DAYS: '0',
      FERRY_RATE_LIMIT_REQUESTS: '0',
      FERRY_RATE_LIMIT_WINDOW_SECONDS: '10',
      FERRY_AUTH_FAILURE_LIMIT: '5',
      FERRY_AUTH_FAILURE_WINDOW_SECONDS: '900',
      FERRY_MAX_JSON_DEPTH: '16',
      FERRY_FILTER_MAX_LENGTH: '1024',
      FERRY_FILTER_MAX_DEPTH: '4',
      FERRY_PATCH_MAX_OPERATIONS: '50',
      FERRY_REDIS_TIMEOUT_MS: '500',
      FERRY_METRICS_TOKEN_REQUIRED: 'true',
      FERRY_TRUST_PROXY: 'yes',
    });
    expect(config.auditRetention).toEqual({ maxEvents: 5000, maxAgeDays: 0 });
    expect(config.limits).toEqual({
      requestsPerToken: 0,
      requestWindowSeconds: 10,
      authFailuresPerAddress: 5,
      authFailureWindowSeconds: 900,
      maxJsonDepth: 16,
      maxFilterLength: 1024,
      maxFilterDepth: 4,
      maxPatchOperations: 50,
    });
    expect(config.redisTimeoutMs).toBe(500);
    expect(config.metricsTokenRequired).toBe(true);
    expect(config.trustProxy).toBe(true);
  });

  it.each([
    ['FERRY_EVENTS_MAX_COUNT', '10', 'a whole number from 1000 to 1000000000'],
    ['FERRY_MAX_JSON_DEPTH', '1000', 'a whole number from 4 to 256'],
    ['FERRY_REDIS_TIMEOUT_MS', '2s', 'a whole number from 100 to 60000'],
    ['FERRY_METRICS_TOKEN_REQUIRED', 'sometimes', 'true or false'],
  ])('names %s when its value is wrong', (variable, value, expected) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(
      new ConfigError(variable, expected),
    );
  });
});
