import { act, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithTheme } from '../../../test/renderApp';
import type { Step } from '../api/types';
import { StepsTable } from './StepsTable';

const step = (id: number, action: string): Step => ({ id: `00000000-0000-4000-8000-00000000000${id}`, action, data: '', expected: '' });

function EditableSteps({ initial }: { initial: Step[] }) {
  const [steps, setSteps] = useState(initial);
  return <StepsTable steps={steps} onChange={setSteps} readOnly={false} />;
}

const actions = () => screen.getAllByRole('textbox', { name: /^Step \d+ action$/ }).map((field) => (field as HTMLTextAreaElement).value);

describe('StepsTable', () => {
  it('adds a step below on Enter in Expected result and goes to its action; Shift+Enter is a new line', async () => {
    const { user } = renderWithTheme(<EditableSteps initial={[step(1, 'Open the cart'), step(2, 'Pay')]} />);

    await user.click(screen.getByRole('textbox', { name: 'Step 1 expected result' }));
    await user.keyboard('One item{Shift>}{Enter}{/Shift}Total 10 €{Enter}');

    expect(screen.getByRole('textbox', { name: 'Step 1 expected result' })).toHaveValue('One item\nTotal 10 €');
    expect(screen.getByRole('textbox', { name: 'Step 2 action' })).toHaveFocus();
    await user.keyboard('Apply the voucher');
    expect(actions()).toEqual(['Open the cart', 'Apply the voucher', 'Pay']);
  });

  it('types a case through with the keyboard alone: Tab between fields, Enter for the next step', async () => {
    const { user } = renderWithTheme(<EditableSteps initial={[]} />);

    await user.click(screen.getByRole('button', { name: 'Add step' }));
    expect(screen.getByRole('textbox', { name: 'Step 1 action' })).toHaveFocus();
    await user.keyboard('Open /login{Tab}{Tab}The form shows{Enter}Sign in{Tab}alice{Tab}Signed in{Enter}');

    expect(actions()).toEqual(['Open /login', 'Sign in', '']);
    expect(screen.getByRole('textbox', { name: 'Step 2 test data' })).toHaveValue('alice');
    expect(screen.getByRole('textbox', { name: 'Step 3 action' })).toHaveFocus();
  });

  it('moves the focused step with Alt+↑ and Alt+↓, and focus follows it', async () => {
    const { user } = renderWithTheme(<EditableSteps initial={[step(1, 'First'), step(2, 'Second'), step(3, 'Third')]} />);

    await user.click(screen.getByRole('textbox', { name: 'Step 3 test data' }));
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(actions()).toEqual(['First', 'Third', 'Second']);
    expect(screen.getByRole('textbox', { name: 'Step 2 test data' })).toHaveFocus();

    await user.keyboard('{Alt>}{ArrowUp}{/Alt}{Alt>}{ArrowUp}{/Alt}');
    expect(actions()).toEqual(['Third', 'First', 'Second']);
    expect(screen.getByRole('textbox', { name: 'Step 1 test data' })).toHaveFocus();

    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(actions()).toEqual(['First', 'Third', 'Second']);
    expect(screen.getByRole('status')).toHaveTextContent('Step 1 moved to 2.');
  });

  it('moves and deletes steps with their buttons, numbered in order', async () => {
    const { user } = renderWithTheme(<EditableSteps initial={[step(1, 'First'), step(2, 'Second'), step(3, 'Third')]} />);

    await user.click(screen.getByRole('button', { name: 'Move step 1 down' }));
    expect(actions()).toEqual(['Second', 'First', 'Third']);
    await user.click(screen.getByRole('button', { name: 'Delete step 1' }));

    expect(actions()).toEqual(['First', 'Third']);
    const rows = within(screen.getByRole('table', { name: 'Steps' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['1', '2']);
    expect(screen.getByRole('textbox', { name: 'Step 1 action' })).toHaveFocus();
  });

  it('shows the steps read-only, without the buttons, when the case cannot be edited', () => {
    renderWithTheme(<StepsTable steps={[step(1, 'First')]} onChange={() => {}} readOnly />);

    expect(screen.getByRole('textbox', { name: 'Step 1 action' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Add step' })).not.toBeInTheDocument();
  });

  it('puts a deleted step back where it was with Undo, focus in its action', async () => {
    const { user } = renderWithTheme(<EditableSteps initial={[step(1, 'Open the cart'), step(2, 'Pay'), step(3, 'Check the order')]} />);

    await user.click(screen.getByRole('button', { name: 'Delete step 2' }));
    expect(actions()).toEqual(['Open the cart', 'Check the order']);
    expect(screen.getByText('Step 2 deleted (“Pay”).')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Step 2 deleted. Undo is below the steps.');
    await user.type(screen.getByRole('textbox', { name: 'Step 2 action' }), ' twice');

    await user.click(screen.getByRole('button', { name: 'Undo deleting step 2' }));

    expect(actions()).toEqual(['Open the cart', 'Pay', 'Check the order twice']);
    expect(screen.getByRole('textbox', { name: 'Step 2 action' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Step 2 restored.');
  });

  describe('with a clock of its own', () => {
    afterEach(() => vi.useRealTimers());

    it('lets Undo go after ten seconds, but not while focus is on it', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      // Plain events: user-event waits on the clock that is stopped here.
      renderWithTheme(<EditableSteps initial={[step(1, 'Open the cart'), step(2, 'Pay')]} />);

      fireEvent.click(screen.getByRole('button', { name: 'Delete step 1' }));
      act(() => screen.getByRole('button', { name: 'Undo deleting step 1' }).focus());
      act(() => {
        vi.advanceTimersByTime(30_000);
      });
      expect(screen.getByRole('button', { name: 'Undo deleting step 1' })).toBeInTheDocument();

      act(() => screen.getByRole('textbox', { name: 'Step 1 action' }).focus());
      act(() => {
        vi.advanceTimersByTime(9_000);
      });
      expect(screen.getByRole('button', { name: 'Undo deleting step 1' })).toBeInTheDocument();
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
      expect(screen.queryByRole('button', { name: 'Undo deleting step 1' })).not.toBeInTheDocument();
      expect(actions()).toEqual(['Pay']);
    });
  });
});
