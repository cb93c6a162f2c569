// The public entry of the auth feature: what app/ and other features may use.
export { meQuery } from './api';
export { ChangePasswordModal, dismissPasswordChangedNotice } from './ChangePasswordModal';
export { LoginPage } from './LoginPage';
export { RequireRight } from './RequireRight';
export { RequireSession } from './RequireSession';
export { describeRight, RIGHT_GROUPS, type Right } from './rights';
export { useSession } from './session';
export { SetupAdminPage } from './SetupAdminPage';
export { useLogOut } from './useLogOut';
