import { AppShell, Burger, Button, Group, Menu, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useLogOut, useSession } from '../../features/auth';
import { ConsentExpiryBanner, MY_JIRA_CONNECTIONS_PATH } from '../../features/jira-auth';
import classes from './AppLayout.module.css';
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
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
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
          <Group gap="xs">
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" aria-label={`Account of ${user.displayName}`}>
                  {user.displayName}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.username}</Menu.Label>
                <Menu.Item component={Link} to={MY_JIRA_CONNECTIONS_PATH}>
                  My Jira connections
                </Menu.Item>
                <Menu.Item onClick={() => logOut.mutate('everywhere')}>Log out everywhere</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" onClick={() => logOut.mutate('this-session')} loading={logOut.isPending}>
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
    </AppShell>
  );
}
