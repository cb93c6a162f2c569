import { afterEach, describe, expect, it, vi } from 'vitest';
import { newUuid } from './uuid';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newUuid', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes version 4 UUIDs, also where crypto.randomUUID is missing (plain HTTP)', () => {
    expect(newUuid()).toMatch(UUID_V4);
    const realCrypto = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => realCrypto.getRandomValues(array) });
    const withoutRandomUuid = [newUuid(), newUuid()];
    vi.unstubAllGlobals();
    expect(withoutRandomUuid[0]).toMatch(UUID_V4);
    expect(withoutRandomUuid[0]).not.toBe(withoutRandomUuid[1]);
  });
});
