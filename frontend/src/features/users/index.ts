// The public entry of the users feature: what app/ and other features may use.
export { UsersAndRolesPage } from './UsersAndRolesPage';
