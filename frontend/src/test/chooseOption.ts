import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/**
 * Picks an option of a Mantine Select, MultiSelect or Autocomplete. jsdom lays nothing out, so
 * the floating dropdown counts as detached and stays display:none: its options are found hidden.
 * They are looked for in the list the input controls once open, so that two selects offering the
 * same option do not get in each other's way.
 */
export async function chooseOption(user: UserEvent, input: HTMLElement, name: string | RegExp): Promise<void> {
  await user.click(input);
  const listId = input.getAttribute('aria-controls');
  const list = listId ? document.getElementById(listId) : null;
  await user.click(await (list ? within(list) : screen).findByRole('option', { name, hidden: true }));
}
