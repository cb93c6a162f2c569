// The public entry of the oauth feature: what app/ and other features may use. The consent link
// and verification code steps are shared with the user's own "Authenticate with Jira" (jira-auth).
export { AdminConnectionWizard } from './AdminConnectionWizard';
export type { StartedFlow } from './api';
export { useCallbackFailure } from './callbackFailure';
export { ConsentLinkStep } from './ConsentLinkStep';
export { DisableOAuthModal } from './DisableOAuthModal';
export { VerificationCodeForm } from './VerificationCodeForm';
