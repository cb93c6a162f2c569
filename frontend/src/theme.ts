import { createTheme, Drawer, Modal, PasswordInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  components: {
    // The close (×) buttons of dialogs have no text: name them.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        visibilityToggleButtonProps: { 'aria-label': 'Show or hide the password' },
      },
    }),
  },
});
