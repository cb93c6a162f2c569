import type { StepStatus } from '../api';

/**
 * The execution screen's keyboard: what a key press means, decided apart from the DOM work so
 * that the rules are plain to read and test. Shortcuts never fire while typing (in the actual
 * result, the comment, a filter); Escape leaves a text field for its step.
 */
export type ExecutionAction =
  | { type: 'move'; by: 1 | -1 }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'status'; status: StepStatus; advance: boolean }
  | { type: 'edit'; field: 'actual' | 'comment' }
  | { type: 'defect' }
  | { type: 'leave-field' }
  | { type: 'case'; by: 1 | -1 }
  | { type: 'help' };

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  target: EventTarget | null;
}

// Inputs where a letter is not text: a key press on them may still be a shortcut.
const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color', 'image']);

/** True where keys type text: text inputs, text areas, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT_INPUTS.has(target.type);
}

/** The step shortcuts, one letter each (also shown in the help and on the buttons). */
export const STATUS_KEYS: Readonly<Record<string, StepStatus>> = { p: 'PASS', f: 'FAIL', b: 'BLOCKED', n: 'NOT_RUN', a: 'NA' };

/**
 * A key pressed inside the steps grid. `onRow` is true when the row itself has focus (not one of
 * its buttons), where Enter starts typing the actual result.
 */
export function stepKeyAction(press: KeyPress, onRow: boolean): ExecutionAction | null {
  if (press.ctrlKey || press.metaKey) return null;
  if (isTypingTarget(press.target)) return press.key === 'Escape' ? { type: 'leave-field' } : null;
  if (press.altKey) return null; // Alt+arrows are the page's: next and previous case
  switch (press.key) {
    case 'ArrowDown':
      return { type: 'move', by: 1 };
    case 'ArrowUp':
      return { type: 'move', by: -1 };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return onRow ? { type: 'edit', field: 'actual' } : null;
  }
  if (press.shiftKey) return null;
  const letter = press.key.toLowerCase();
  const status = STATUS_KEYS[letter];
  if (status) return { type: 'status', status, advance: status === 'PASS' };
  if (letter === 'e') return { type: 'edit', field: 'actual' };
  if (letter === 'c') return { type: 'edit', field: 'comment' };
  if (letter === 'd') return { type: 'defect' };
  return null;
}

/** A key pressed anywhere on the page (outside dialogs): other cases, and the help. */
export function pageKeyAction(press: KeyPress): ExecutionAction | null {
  if (press.ctrlKey || press.metaKey || isTypingTarget(press.target)) return null;
  if (press.altKey) {
    if (press.key === 'ArrowDown') return { type: 'case', by: 1 };
    if (press.key === 'ArrowUp') return { type: 'case', by: -1 };
    return null;
  }
  if (press.key === '?') return { type: 'help' };
  if (press.shiftKey) return null;
  if (press.key === 'j' || press.key === 'J') return { type: 'case', by: 1 };
  if (press.key === 'k' || press.key === 'K') return { type: 'case', by: -1 };
  return null;
}

/** The shortcuts as the help lists them. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['↓', '↑'], what: 'Next or previous step' },
  { keys: ['Home', 'End'], what: 'First or last step' },
  { keys: ['P'], what: 'Pass the step, then go to the next one' },
  { keys: ['F'], what: 'Fail the step' },
  { keys: ['B'], what: 'Blocked' },
  { keys: ['N'], what: 'Not run' },
  { keys: ['A'], what: 'N/A (not applicable)' },
  { keys: ['Enter', 'E'], what: 'Type the actual result of the step' },
  { keys: ['C'], what: 'Type a comment' },
  { keys: ['Esc'], what: 'Leave the text field, back to its step' },
  { keys: ['D'], what: 'Create a Jira defect from the failed step' },
  { keys: ['J', 'Alt+↓'], what: 'Next case' },
  { keys: ['K', 'Alt+↑'], what: 'Previous case' },
  { keys: ['?'], what: 'This help' },
];
