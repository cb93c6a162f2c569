// The public entry of the suites feature: what app/ and other features may use.
export { AddToSuiteDialog } from './AddToSuiteDialog';
export { SuiteDetailPage } from './SuiteDetailPage';
export { SuitesPage } from './SuitesPage';
export { suitesQuery } from './api';
