// The public entry of the about feature: what app/ and other features may use.
export { AboutPage } from './AboutPage';
