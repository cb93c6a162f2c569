// The public entry of the api-tokens feature: what app/ and other features may use.
export { AllApiTokensPanel } from './AllApiTokensPanel';
export { API_TOKENS_PATH, ApiTokensPage } from './ApiTokensPage';
