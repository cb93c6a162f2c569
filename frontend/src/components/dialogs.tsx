import { Drawer as MantineDrawer, Modal as MantineModal, type DrawerProps, type ModalProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

/**
 * Our dialogs are rendered only while open, so Mantine's own focus return (which runs when
 * `opened` turns false) never gets its turn: on close, keyboard users were dropped at the top of
 * the page. This puts focus back on whatever opened the dialog (the button, the switch, the row
 * action), if it is still on the page and nothing else has taken focus meanwhile.
 */
function useReturnFocusOnClose() {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // After the dialog's own clean-up; not if it was only re-mounted (React StrictMode).
      setTimeout(() => {
        const focusLost = document.activeElement === null || document.activeElement === document.body;
        if (!mounted.current && focusLost && opener?.isConnected) opener.focus();
      });
    };
  }, [opener]);
}

/** Mantine's Modal, rendered while open, returning focus to its opener on close. */
export function Modal(props: ModalProps) {
  useReturnFocusOnClose();
  return <MantineModal {...props} />;
}

/** Mantine's Drawer, rendered while open, returning focus to its opener on close. */
export function Drawer(props: DrawerProps) {
  useReturnFocusOnClose();
  return <MantineDrawer {...props} />;
}
