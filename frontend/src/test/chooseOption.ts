import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/**
 * Picks an option of a Mantine Select, MultiSelect or Autocomplete. jsdom lays nothing out, so
 * the floating dropdown counts as detached and stays display:none: its options are found hidden.
 */
export async function chooseOption(user: UserEvent, input: HTMLElement, name: string | RegExp): Promise<void> {
  await user.click(input);
  await user.click(await screen.findByRole('option', { name, hidden: true }));
}
