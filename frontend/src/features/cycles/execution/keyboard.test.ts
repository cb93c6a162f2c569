import { describe, expect, it } from 'vitest';
import { isTypingTarget, pageKeyAction, stepKeyAction, type KeyPress } from './keyboard';

function press(key: string, target: EventTarget | null = document.body, modifiers: Partial<KeyPress> = {}): KeyPress {
  return { key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target, ...modifiers };
}

function element(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = html;
  return container.firstElementChild as HTMLElement;
}

describe('the execution keyboard', () => {
  const row = element('<tr tabindex="0"></tr>');
  const textarea = element('<textarea></textarea>');
  const button = element('<button>Pass</button>');

  it('sets the focused step\'s status with P, F, B, N and A; P moves on', () => {
    expect(stepKeyAction(press('p', row), true)).toEqual({ type: 'status', status: 'PASS', advance: true });
    expect(stepKeyAction(press('P', row, { shiftKey: false }), true)).toEqual({ type: 'status', status: 'PASS', advance: true });
    expect(stepKeyAction(press('f', row), true)).toEqual({ type: 'status', status: 'FAIL', advance: false });
    expect(stepKeyAction(press('b', button), false)).toEqual({ type: 'status', status: 'BLOCKED', advance: false });
    expect(stepKeyAction(press('n', row), true)).toEqual({ type: 'status', status: 'NOT_RUN', advance: false });
    expect(stepKeyAction(press('a', row), true)).toEqual({ type: 'status', status: 'NA', advance: false });
  });

  it('moves between steps with the arrows, Home and End', () => {
    expect(stepKeyAction(press('ArrowDown', row), true)).toEqual({ type: 'move', by: 1 });
    expect(stepKeyAction(press('ArrowUp', button), false)).toEqual({ type: 'move', by: -1 });
    expect(stepKeyAction(press('Home', row), true)).toEqual({ type: 'first' });
    expect(stepKeyAction(press('End', row), true)).toEqual({ type: 'last' });
  });

  it('never takes a key typed in a text field, except Escape, which goes back to the step', () => {
    for (const key of ['p', 'f', 'b', 'n', 'a', 'd', 'e', 'c', 'j', 'k', '?', 'ArrowDown', 'ArrowUp', 'Enter', 'Home']) {
      expect(stepKeyAction(press(key, textarea), false)).toBeNull();
      expect(pageKeyAction(press(key, textarea))).toBeNull();
    }
    expect(pageKeyAction(press('ArrowDown', textarea, { altKey: true }))).toBeNull();
    expect(stepKeyAction(press('Escape', textarea), false)).toEqual({ type: 'leave-field' });
    expect(isTypingTarget(element('<input type="text">'))).toBe(true);
    expect(isTypingTarget(element('<input type="search">'))).toBe(true);
    expect(isTypingTarget(element('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(button)).toBe(false);
  });

  it('types the actual result with Enter on the step (not on its buttons) or E, a comment with C', () => {
    expect(stepKeyAction(press('Enter', row), true)).toEqual({ type: 'edit', field: 'actual' });
    expect(stepKeyAction(press('Enter', button), false)).toBeNull();
    expect(stepKeyAction(press('e', button), false)).toEqual({ type: 'edit', field: 'actual' });
    expect(stepKeyAction(press('c', row), true)).toEqual({ type: 'edit', field: 'comment' });
    expect(stepKeyAction(press('d', row), true)).toEqual({ type: 'defect' });
  });

  it('leaves browser shortcuts alone', () => {
    expect(stepKeyAction(press('p', row, { ctrlKey: true }), true)).toBeNull();
    expect(stepKeyAction(press('f', row, { metaKey: true }), true)).toBeNull();
    expect(pageKeyAction(press('k', document.body, { ctrlKey: true }))).toBeNull();
    expect(stepKeyAction(press('ArrowDown', row, { altKey: true }), true)).toBeNull();
  });

  it('goes to the next or previous case with J and K or Alt+↓ and Alt+↑, and opens the help with ?', () => {
    expect(pageKeyAction(press('j'))).toEqual({ type: 'case', by: 1 });
    expect(pageKeyAction(press('k'))).toEqual({ type: 'case', by: -1 });
    expect(pageKeyAction(press('ArrowDown', row, { altKey: true }))).toEqual({ type: 'case', by: 1 });
    expect(pageKeyAction(press('ArrowUp', row, { altKey: true }))).toEqual({ type: 'case', by: -1 });
    expect(pageKeyAction(press('?', document.body, { shiftKey: true }))).toEqual({ type: 'help' });
    expect(pageKeyAction(press('ArrowDown'))).toBeNull();
  });
});
