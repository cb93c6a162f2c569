-- Jira Data Center checks the redirect_uri of a refresh against the one used at consent, so each
-- token keeps the callback URL its consent was given for: a later change of Testbridge's public URL
-- must not break every existing connection. Tokens granted before this keep NULL (the current
-- callback URL is sent for them, as before).
ALTER TABLE oauth_tokens ADD COLUMN redirect_uri TEXT;
