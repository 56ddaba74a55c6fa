import { describe, expect, it } from 'vitest';
import { REDACTED, assertNoSecrets, containsSecret, redact, redactDeep } from '../../adapters/redact.ts';

const streamKey = 'sk_us-west-2_SECRETa1b2c3d4e5f6g7h8';
const jwt = 'eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.eyJhd3M6Y2hhbm5lbC1hcm4iOiJhcm4ifQ.c2lnbmF0dXJl';

describe('redact', () => {
  it.each([
    ['a stream key', `key is ${streamKey}.`, `key is ${REDACTED}.`],
    ['a GovCloud stream key', 'sk_us-gov-west-1_abc123', REDACTED],
    ['a playback token', `?token=${jwt}&x=1`, `?token=${REDACTED}&x=1`],
    ['a private key', 'k: -----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY----- end', `k: ${REDACTED} end`],
    ['a channel ARN (not a secret)', 'arn:aws:ivs:us-west-2:123456789012:channel/abcd', 'arn:aws:ivs:us-west-2:123456789012:channel/abcd'],
    ['a stream id (not a secret)', 'st-1A2b3c4D5e6F78ghij9Klmn', 'st-1A2b3c4D5e6F78ghij9Klmn'],
  ])('%s', (_, input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(containsSecret(redact(input))).toBe(false);
  });

  it('redacts every string of a structure, keys included', () => {
    expect(redactDeep({ evidence: [`saw ${streamKey}`], nested: { [jwt]: 1 }, n: 3 })).toEqual({ evidence: [`saw ${REDACTED}`], nested: { [REDACTED]: 1 }, n: 3 });
  });

  it('assertNoSecrets refuses a secret without repeating it', () => {
    expect(() => assertNoSecrets(`x ${streamKey}`, 'the report')).toThrow(/the report/);
    expect(() => assertNoSecrets(`x ${streamKey}`, 'the report')).not.toThrow(streamKey);
    expect(() => assertNoSecrets('nothing here', 'the report')).not.toThrow();
  });
});
