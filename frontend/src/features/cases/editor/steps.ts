import { newUuid } from '../../../lib/uuid';
import type { Step } from '../api/types';

export const STEP_FIELDS = ['action', 'data', 'expected'] as const;
export type StepField = (typeof STEP_FIELDS)[number];

export const STEP_FIELD_LABELS: Record<StepField, string> = { action: 'Action', data: 'Test data', expected: 'Expected result' };

/** A new empty step; its id is chosen here and stays its id through edits and moves. */
export function newStep(): Step {
  return { id: newUuid(), action: '', data: '', expected: '' };
}

/** The steps with a new empty one after `index` (-1: first), and that step. */
export function insertStepAfter(steps: readonly Step[], index: number): { steps: Step[]; inserted: Step } {
  const inserted = newStep();
  return { steps: [...steps.slice(0, index + 1), inserted, ...steps.slice(index + 1)], inserted };
}

/** The steps with the one at `index` moved by `offset` places, or null when it cannot go further. */
export function moveStep(steps: readonly Step[], index: number, offset: -1 | 1): Step[] | null {
  const target = index + offset;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return null;
  const moved = [...steps];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}

export function removeStep(steps: readonly Step[], index: number): Step[] {
  return steps.filter((_, position) => position !== index);
}

export function changeStep(steps: readonly Step[], stepId: string, field: StepField, value: string): Step[] {
  return steps.map((step) => (step.id === stepId ? { ...step, [field]: value } : step));
}
