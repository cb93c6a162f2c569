package io.testbridge.jirasim;

/** The text scripts/jira-sim prints: every URL, user and credential of the demo world. */
final class DemoBanner {

    private DemoBanner() {
    }

    static String render(JiraSimulator sim) {
        StringBuilder out = new StringBuilder();
        out.append("Jira simulator listening on ").append(sim.baseUrl()).append("\n\n");
        out.append("Jira Cloud\n");
        out.append("  authorization server (auth.atlassian.com): ").append(sim.cloudAuthUrl()).append('\n');
        out.append("    authorize: ").append(sim.cloudAuthUrl()).append("/authorize\n");
        out.append("    token:     ").append(sim.cloudAuthUrl()).append("/oauth/token\n");
        out.append("  API gateway (api.atlassian.com):           ").append(sim.cloudApiUrl()).append('\n');
        for (CloudSite site : sim.sites()) {
            out.append("  site ").append(site.name()).append(": ").append(sim.siteUrl(site.name()))
                    .append("  (cloudId ").append(site.cloudId()).append(")\n");
        }
        out.append("\nJira Data Center\n");
        for (DcInstance instance : sim.dcInstances()) {
            out.append("  ").append(instance.name()).append(" (Jira ").append(instance.version()).append("): ")
                    .append(sim.dcBaseUrl(instance.name()))
                    .append(instance.hasOAuthProvider() ? "" : "  [no OAuth 2.0 provider: older than 8.22]")
                    .append('\n');
        }
        out.append("\nOAuth clients\n");
        for (OAuthClientRegistration client : sim.clients().stream()
                .sorted((a, b) -> a.clientId().compareTo(b.clientId())).toList()) {
            out.append("  ").append(client.isCloud() ? "Cloud app" : "DC " + client.dcInstance() + " link")
                    .append(" \"").append(client.name()).append("\"\n");
            out.append("    client id:     ").append(client.clientId()).append('\n');
            // The demo credentials are fixed and public by design; real secrets never pass through here.
            out.append("    client secret: ").append(demoSecret(client.clientId())).append('\n');
            out.append("    scopes:        ").append(String.join(" ", client.scopes().stream().sorted().toList()))
                    .append(client.consentCoversAllSites() ? "  (one consent covers every site)" : "").append('\n');
            out.append("    redirect URIs: ").append(String.join(", ", client.redirectUris())).append('\n');
        }
        out.append("\nDemo users (pick one on the consent page)\n");
        for (SimUser user : sim.users()) {
            out.append("  ").append(user.username()).append(" - ").append(user.displayName()).append(" <")
                    .append(user.emailAddress()).append(">  accountId ").append(user.accountId()).append('\n');
        }
        out.append("\nSample data: projects TB and OPS with issues TB-1..TB-7, OPS-1..OPS-2 on every site and instance\n");
        out.append("Control API: ").append(sim.controlUrl()).append("  (see jira-sim/README.md)\n");
        out.append("Stop with Ctrl+C.\n");
        return out.toString();
    }

    private static String demoSecret(String clientId) {
        return switch (clientId) {
            case DemoSetup.CLOUD_CLIENT_ID -> DemoSetup.CLOUD_CLIENT_SECRET;
            case DemoSetup.CLOUD_READONLY_CLIENT_ID -> DemoSetup.CLOUD_READONLY_CLIENT_SECRET;
            case DemoSetup.DC912_CLIENT_ID -> DemoSetup.DC912_CLIENT_SECRET;
            default -> "(not a demo client)";
        };
    }
}
