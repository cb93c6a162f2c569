package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** JSON views of the simulator's state for the control API; client secrets are never included. */
final class ControlViews {

    private ControlViews() {
    }

    /** An issue as tests look at it (see {@link JiraSimulator#siteIssue}). */
    static java.util.Optional<JsonObject> issue(JiraData data, String key) {
        if (data == null) {
            return java.util.Optional.empty();
        }
        return data.issue(key).map(issue -> {
            io.vertx.core.json.JsonArray links = new io.vertx.core.json.JsonArray();
            data.remoteLinks(issue.key).forEach(link -> links.add(new JsonObject().put("globalId", link.globalId()).put("url", link.url())
                    .put("title", link.title())));
            io.vertx.core.json.JsonArray files = new io.vertx.core.json.JsonArray();
            data.attachments(issue.key).forEach(file -> files.add(new JsonObject().put("filename", file.filename())
                    .put("mimeType", file.mimeType()).put("size", file.content().length)
                    .put("author", file.authorAccountId()).put("content", java.util.Base64.getEncoder().encodeToString(file.content()))));
            return new JsonObject().put("key", issue.key).put("summary", issue.summary).put("status", issue.status.label)
                    .put("assignee", issue.assigneeAccountId)
                    .put("description", Adf.plainText(issue.description)).put("descriptionIsAdf", Adf.isDocument(issue.description))
                    .put("environment", Adf.plainText(issue.environment)).put("environmentIsAdf", Adf.isDocument(issue.environment))
                    .put("stepsToReproduce", Adf.plainText(issue.customFields.get(FieldCatalog.STEPS_TO_REPRODUCE_FIELD)))
                    .put("stepsToReproduceIsAdf", Adf.isDocument(issue.customFields.get(FieldCatalog.STEPS_TO_REPRODUCE_FIELD)))
                    .put("remoteLinks", links).put("attachments", files);
        });
    }

    static JsonObject summary(JiraSimulator sim) {
        JsonArray sites = new JsonArray();
        sim.sites().forEach(site -> sites.add(new JsonObject().put("name", site.name())
                .put("cloudId", site.cloudId()).put("url", sim.siteUrl(site.name()))));
        JsonArray instances = new JsonArray();
        sim.dcInstances().forEach(instance -> instances.add(instance(sim, instance)));
        JsonArray users = new JsonArray();
        sim.users().forEach(user -> users.add(user(user)));
        JsonArray clients = new JsonArray();
        sim.clients().forEach(client -> clients.add(client(client)));
        return new JsonObject().put("baseUrl", sim.baseUrl()).put("cloudAuthUrl", sim.cloudAuthUrl())
                .put("cloudApiUrl", sim.cloudApiUrl()).put("sites", sites).put("dcInstances", instances)
                .put("users", users).put("clients", clients).put("now", sim.clock().now().toString());
    }

    static JsonObject user(SimUser user) {
        return new JsonObject().put("accountId", user.accountId()).put("username", user.username())
                .put("displayName", user.displayName()).put("emailAddress", user.emailAddress());
    }

    static JsonObject instance(JiraSimulator sim, DcInstance instance) {
        return new JsonObject().put("name", instance.name()).put("version", instance.version())
                .put("baseUrl", sim.dcBaseUrl(instance.name())).put("oauthProvider", instance.hasOAuthProvider())
                .put("serverInfoBehindLogin", instance.serverInfoAccess() == DcInstance.ServerInfoAccess.BEHIND_LOGIN);
    }

    static JsonObject client(OAuthClientRegistration client) {
        return new JsonObject().put("clientId", client.clientId())
                .put("authority", client.isCloud() ? "cloud" : "dc-" + client.dcInstance()).put("name", client.name())
                .put("redirectUris", new JsonArray(client.redirectUris()))
                .put("scopes", new JsonArray(client.scopes().stream().sorted().toList()))
                .put("consentCoversAllSites", client.consentCoversAllSites())
                .put("tokenEndpointAuthMethod", client.clientAuthentication() == OAuthClientRegistration.ClientAuthentication.BASIC_ONLY
                        ? "client_secret_basic" : "client_secret_post")
                .put("omitScopeFromTokenAnswers", client.tokenAnswerScope() == OAuthClientRegistration.TokenAnswerScope.OMITTED);
    }

    static JsonObject clock(JiraSimulator sim) {
        return new JsonObject().put("now", sim.clock().now().toString())
                .put("offsetSeconds", sim.clock().offset().toSeconds());
    }

    static JsonArray faults(List<FaultInjector.ActiveFault> faults) {
        JsonArray array = new JsonArray();
        for (FaultInjector.ActiveFault fault : faults) {
            FaultSpec spec = fault.spec();
            array.add(new JsonObject().put("id", fault.id()).put("kind", spec.kind().wireName())
                    .put("count", spec.count()).put("remaining", fault.remaining()).put("pathPrefix", spec.pathPrefix())
                    .put("pathPattern", spec.pathPattern()).put("flavour", spec.flavour()).put("method", spec.method())
                    .put("latencyMillis", spec.latencyMillis()).put("retryAfterSeconds", spec.retryAfterSeconds())
                    .put("status", spec.status()));
        }
        return array;
    }

    static JsonObject counters(JiraSimulator sim) {
        JsonObject calls = new JsonObject();
        sim.counters().snapshot().forEach(calls::put);
        JsonObject refreshes = new JsonObject();
        sim.tokenFamilies().forEach(family -> refreshes.put(family.id(), family.refreshCalls()));
        return new JsonObject().put("calls", calls).put("refreshCallsByFamily", refreshes);
    }

    static JsonArray families(List<TokenFamilyView> families) {
        JsonArray array = new JsonArray();
        for (TokenFamilyView family : families) {
            array.add(new JsonObject().put("id", family.id()).put("clientId", family.clientId())
                    .put("authority", family.authority()).put("userAccountId", family.userAccountId())
                    .put("username", family.username()).put("scopes", new JsonArray(family.scopes()))
                    .put("sites", new JsonArray(family.sites())).put("grantedAt", family.grantedAt().toString())
                    .put("revoked", family.revoked()).put("revokedReason", family.revokedReason())
                    .put("refreshCalls", family.refreshCalls()).put("liveAccessTokens", family.liveAccessTokens()));
        }
        return array;
    }
}
