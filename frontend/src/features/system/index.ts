// The public entry of the system feature: what app/ and other features may use.
export { SystemPage } from './SystemPage';
