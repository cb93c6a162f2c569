// The public entry of the integrations feature: what app/ and other features may use.
export { IntegrationsPage } from './IntegrationsPage';
