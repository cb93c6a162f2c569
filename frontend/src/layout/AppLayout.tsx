import { AppShell, Burger, Button, Group, Menu, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useLogOut } from '../features/auth/useLogOut';
import { useSession } from '../features/auth/session';
import { ConsentExpiryBanner, MY_JIRA_CONNECTIONS_PATH } from '../features/jira-auth/ConsentExpiryBanner';
import { allowedNavigation } from './navigation';

export function AppLayout() {
  const { user, can } = useSession();
  const [navigationOpened, { toggle: toggleNavigation, close: closeNavigation }] = useDisclosure();
  const logOut = useLogOut();
  const { pathname } = useLocation();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navigationOpened } }}
      padding="md"
    >
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

      <AppShell.Main>
        <ConsentExpiryBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
