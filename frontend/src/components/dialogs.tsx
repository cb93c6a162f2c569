import { Drawer as MantineDrawer, Modal as MantineModal, useProps, type DrawerProps, type ModalProps } from '@mantine/core';
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

/*
 * Mantine's Modal and Drawer put their title and close button in a <header>. A dialog is portalled
 * to the end of <body>, outside any <main> or <section> (its own <section> has role="dialog"), so
 * that <header> is a second "banner" landmark beside the app's header, and an unnamed one: axe's
 * landmark-no-duplicate-banner and landmark-unique on every open dialog. The dialogs below are
 * Mantine's, assembled from its parts as Mantine's own Modal and Drawer do, except that the header
 * row is role="none": the dialog's name comes from its title (aria-labelledby) as before.
 */

/** Mantine's Modal, rendered while open, returning focus to its opener on close; its header is no landmark. */
export function Modal(props: ModalProps) {
  useReturnFocusOnClose();
  // The theme's defaults for Modal (say, the close button's name) apply as to Mantine's Modal.
  const {
    title,
    withOverlay = true,
    overlayProps,
    withCloseButton = true,
    closeButtonProps,
    children,
    ...root
  } = useProps('Modal', {}, props);
  return (
    <MantineModal.Root {...root}>
      {withOverlay && <MantineModal.Overlay {...overlayProps} />}
      <MantineModal.Content radius={root.radius}>
        {(title || withCloseButton) && (
          <MantineModal.Header role="none">
            {title && <MantineModal.Title>{title}</MantineModal.Title>}
            {withCloseButton && <MantineModal.CloseButton {...closeButtonProps} />}
          </MantineModal.Header>
        )}
        <MantineModal.Body>{children}</MantineModal.Body>
      </MantineModal.Content>
    </MantineModal.Root>
  );
}

/** Mantine's Drawer, rendered while open, returning focus to its opener on close; its header is no landmark. */
export function Drawer(props: DrawerProps) {
  useReturnFocusOnClose();
  const {
    title,
    withOverlay = true,
    overlayProps,
    withCloseButton = true,
    closeButtonProps,
    children,
    ...root
  } = useProps('Drawer', {}, props);
  return (
    <MantineDrawer.Root {...root}>
      {withOverlay && <MantineDrawer.Overlay {...overlayProps} />}
      <MantineDrawer.Content>
        {(title || withCloseButton) && (
          <MantineDrawer.Header role="none">
            {title && <MantineDrawer.Title>{title}</MantineDrawer.Title>}
            {withCloseButton && <MantineDrawer.CloseButton {...closeButtonProps} />}
          </MantineDrawer.Header>
        )}
        <MantineDrawer.Body>{children}</MantineDrawer.Body>
      </MantineDrawer.Content>
    </MantineDrawer.Root>
  );
}
