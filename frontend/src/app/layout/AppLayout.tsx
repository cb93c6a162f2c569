import { AppShell, Burger, Button, Group, Menu, NavLink, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { ChangePasswordModal, dismissPasswordChangedNotice, useLogOut, useSession } from '../../features/auth';
import { API_TOKENS_PATH } from '../../features/api-tokens';
import { ConsentExpiryBanner, MY_JIRA_CONNECTIONS_PATH } from '../../features/jira-auth';
import classes from './AppLayout.module.css';
import { UserIcon } from '../../components/icons';
import { allowedNavigation } from './navigation';

/**
 * After moving to another page, focus goes to the page's content, as a full page load would put a
 * keyboard or screen-reader user at its start, rather than staying on the link in the navigation.
 */
function useFocusContentOnNavigation(pathname: string) {
  const main = useRef<HTMLElement>(null);
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    main.current?.focus({ preventScroll: false });
  }, [pathname]);
  return main;
}

export function AppLayout() {
  const { user, can } = useSession();
  const [navigationOpened, { toggle: toggleNavigation, close: closeNavigation }] = useDisclosure();
  const logOut = useLogOut();
  const { pathname } = useLocation();
  const main = useFocusContentOnNavigation(pathname);
  const [changingPassword, setChangingPassword] = useState(false);
  const accountButton = useRef<HTMLButtonElement>(null);
  // Logged in (again): "log in with the new password" is done with.
  useEffect(dismissPasswordChangedNotice, []);

  const openChangePassword = () => {
    // The dialog gives focus back to what had it when it opened: let that be the account button,
    // not the menu's item, which is gone by then. And the menu, closing, must not take focus back
    // from the dialog's first field (it does so 10 ms after closing, unless told not to).
    accountButton.current?.focus();
    setChangingPassword(true);
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navigationOpened } }}
      padding="md"
    >
      <a href="#content" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell.Header>
        {/* One row of 56 px at any width: below "sm" the account shows as its initials and Log out moves into its menu. */}
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navigationOpened}
              onClick={toggleNavigation}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Text fw={700} size="lg">
              Testbridge
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Menu position="bottom-end" returnFocus={!changingPassword}>
              <Menu.Target>
                <Button ref={accountButton} variant="subtle" px="xs" aria-label={`Account of ${user.displayName}`} miw={0}>
                  <Group gap={8} wrap="nowrap" miw={0}>
                    {/* An icon, not the initials: the button's visible words stay those of its name (WCAG 2.5.3). */}
                    <ThemeIcon size={28} radius="xl" variant="light">
                      <UserIcon size={18} />
                    </ThemeIcon>
                    <Text span visibleFrom="sm" size="sm" fw={600} truncate="end" maw={220}>
                      {user.displayName}
                    </Text>
                  </Group>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  {user.displayName} ({user.username})
                </Menu.Label>
                <Menu.Item component={Link} to={MY_JIRA_CONNECTIONS_PATH}>
                  My Jira connections
                </Menu.Item>
                <Menu.Item component={Link} to={API_TOKENS_PATH}>
                  API tokens
                </Menu.Item>
                <Menu.Item onClick={openChangePassword}>Change password</Menu.Item>
                <Menu.Item hiddenFrom="sm" onClick={() => logOut.mutate('this-session')}>
                  Log out
                </Menu.Item>
                <Menu.Item onClick={() => logOut.mutate('everywhere')}>Log out everywhere</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" visibleFrom="sm" onClick={() => logOut.mutate('this-session')} loading={logOut.isPending}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {allowedNavigation(can).map((item) => {
          const active = pathname === item.path || pathname.startsWith(item.path + '/');
          return (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={item.label}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={closeNavigation}
            />
          );
        })}
      </AppShell.Navbar>

      <AppShell.Main id="content" ref={main} tabIndex={-1} className={classes.main}>
        <ConsentExpiryBanner />
        <Outlet />
      </AppShell.Main>
      {changingPassword && <ChangePasswordModal onClose={() => setChangingPassword(false)} />}
    </AppShell>
  );
}
