package io.testbridge.jirasim;

import java.util.List;
import java.util.Set;

/**
 * The fixed demo world of scripts/jira-sim: stable ids and credentials so a developer can paste
 * them into Testbridge once and reuse them across restarts.
 */
public final class DemoSetup {

    public static final String CLOUD_CLIENT_ID = "tb-demo-cloud-app";
    public static final String CLOUD_CLIENT_SECRET = "tb-demo-cloud-secret";
    public static final String CLOUD_READONLY_CLIENT_ID = "tb-demo-cloud-readonly";
    public static final String CLOUD_READONLY_CLIENT_SECRET = "tb-demo-cloud-readonly-secret";
    public static final String DC912_CLIENT_ID = "tb-demo-dc912-client";
    public static final String DC912_CLIENT_SECRET = "tb-demo-dc912-secret";
    public static final List<String> DEFAULT_REDIRECT_URIS = List.of(
            "http://localhost:8080/oauth/callback", "http://127.0.0.1:8080/oauth/callback");

    static final SimUser ALICE = new SimUser("557058:a11ce000-0000-4000-8000-000000000001", "alice",
            "Alice Admin", "alice@example.com");
    static final SimUser BOB = new SimUser("557058:b0b00000-0000-4000-8000-000000000002", "bob",
            "Bob Tester", "bob@example.com");
    /** May browse the demo project TB but is not assignable there (see {@link SampleData}). */
    static final SimUser CAROL = new SimUser("557058:ca201000-0000-4000-8000-000000000003", SampleData.BROWSE_ONLY_IN_TB,
            "Carol Contractor", "carol@example.com");
    static final CloudSite ACME = new CloudSite("acme", "0f5b2c3a-1d4e-4a6b-9c8d-7e6f5a4b3c21");
    static final CloudSite GLOBEX = new CloudSite("globex", "9a8b7c6d-5e4f-4321-8765-0fedcba98765");

    private DemoSetup() {
    }

    static SimulatorOptions apply(SimulatorOptions options, List<String> redirectUris) {
        List<String> uris = redirectUris == null || redirectUris.isEmpty() ? DEFAULT_REDIRECT_URIS : redirectUris;
        options.addUser(ALICE).addUser(BOB).addUser(CAROL).addSite(ACME).addSite(GLOBEX)
                .addDcInstance(DcInstance.of("dc912", "9.12.0"))
                .addDcInstance(DcInstance.of("dc820", "8.20.10"));
        options.addClient(OAuthClientRegistration.cloud(CLOUD_CLIENT_ID, CLOUD_CLIENT_SECRET, "Testbridge (demo)",
                uris, Set.of("read:jira-work", "read:jira-user", "write:jira-work")).coveringAllSites());
        options.addClient(OAuthClientRegistration.cloud(CLOUD_READONLY_CLIENT_ID, CLOUD_READONLY_CLIENT_SECRET,
                "Testbridge read-only (demo)", uris, Set.of("read:jira-work", "read:jira-user")));
        options.addClient(OAuthClientRegistration.dataCenter("dc912", DC912_CLIENT_ID, DC912_CLIENT_SECRET,
                "Testbridge (demo)", uris, "WRITE"));
        return options;
    }
}
