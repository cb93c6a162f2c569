import assert from 'node:assert/strict';

/**
 * The Jira side of an OAuth flow, in the simulator: its consent pages (ids documented in
 * jira-sim/README.md) and Testbridge's callback page with the verification code.
 */

/**
 * Clicks `link` (target=_blank) and resolves to the tab it opens, loaded. The simulator's
 * consent page is that tab's first page.
 */
export async function openInNewTab(context, link) {
  const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

/**
 * On a simulated consent page: picks the Jira user (and the Cloud site under "Use app on"),
 * then decides. `decision` is 'accept' or 'deny'; Data Center's accept button is "Allow".
 */
export async function decideConsent(tab, { user, site, decision = 'accept' }) {
  await tab.locator('#consent-form').waitFor();
  await tab.locator('#user').selectOption(user);
  const cloud = (await tab.locator('#site').count()) > 0;
  if (cloud && site) await tab.locator('#site').selectOption(site);
  const button = decision === 'deny' ? '#deny' : cloud ? '#accept' : '#allow';
  await Promise.all([tab.waitForURL(/\/oauth\/callback\?/), tab.locator(button).click()]);
}

/**
 * On Testbridge's callback page: copies the verification code with the page's own copy button
 * (the context needs clipboard permissions) and reads it back from the clipboard.
 */
export async function copyVerificationCode(tab) {
  const output = tab.locator('#verification-code');
  await output.waitFor();
  const shown = await output.getAttribute('data-verification-code');
  assert.match(shown, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await tab.locator('#copy-code').click();
  await tab.locator('#copy-code', { hasText: 'Copied' }).waitFor();
  const copied = await tab.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, shown, 'the clipboard holds the code the page shows');
  return copied;
}

export async function grantClipboard(context, origin) {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
}

/**
 * The administrator's whole connection through the API and plain HTTP, for tests that need a
 * connected instance but test something else. `client` is an apiClient() of an administrator:
 * its request context carries the session cookie that the callback page requires.
 */
export async function connectInstanceThroughApi(client, instanceId, { clientId, clientSecret, user, site }) {
  const flow = await client.post(`/api/integrations/${instanceId}/oauth/connections`, { clientId, clientSecret });
  const code = await consentThroughHttp(client.context, flow.authorizationUrl, { user, site });
  return client.post(`/api/integrations/${instanceId}/oauth/verification`, { verificationCode: code });
}

/** GET the consent page, POST its form with the decision, follow the redirect to the callback page. */
export async function consentThroughHttp(requestContext, authorizationUrl, { user, site, decision }) {
  const consent = await requestContext.get(authorizationUrl);
  const html = await consent.text();
  assert.equal(consent.status(), 200, html);
  const action = new URL(attribute(html, /<form id="consent-form"[^>]*action="([^"]*)"/), consent.url()).href;
  const form = { consent_request: attribute(html, /name="consent_request" value="([^"]*)"/), user };
  if (html.includes('id="site"')) form.site = site;
  form.decision = decision ?? (html.includes('id="accept"') ? 'accept' : 'allow');
  const callback = await requestContext.post(action, { form });
  const page = await callback.text();
  assert.equal(callback.status(), 200, `callback page: ${page}`);
  return attribute(page, /data-verification-code="([^"]*)"/);
}

function attribute(html, pattern) {
  const match = pattern.exec(html);
  assert.ok(match, `no ${pattern} in:\n${html}`);
  return match[1].replaceAll('&amp;', '&');
}
