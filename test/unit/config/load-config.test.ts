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
