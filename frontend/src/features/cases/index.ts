// The public entry of the cases feature (the test-case repository): what app/ and other features may use.
export { RepositoryPage } from './repository/RepositoryPage';
