// The public entry of the history feature: what app/ and other features may use.
export { OAuthHistoryDrawer } from './OAuthHistoryDrawer';
