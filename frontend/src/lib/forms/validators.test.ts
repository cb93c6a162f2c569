import { describe, expect, it } from 'vitest';
import { validateEmail, validatePassword, validateUsername } from './validators';

describe('validators', () => {
  it('accepts usernames the server accepts', () => {
    expect(validateUsername('ada.admin@corp-1')).toBeNull();
    expect(validateUsername('a')).toBe('Use 2 to 64 characters');
    expect(validateUsername('.ada')).toMatch(/^Start with a letter or digit/);
    expect(validateUsername('ada lovelace')).toMatch(/^Start with a letter or digit/);
  });

  it('asks for an email address with an @', () => {
    expect(validateEmail('ada@example.test')).toBeNull();
    expect(validateEmail('ada')).toBe('Enter an email address');
  });

  it('asks for at least 12 characters of password', () => {
    expect(validatePassword('x'.repeat(12))).toBeNull();
    expect(validatePassword('x'.repeat(11))).toBe('Use at least 12 characters');
  });
});
