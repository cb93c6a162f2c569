package io.testbridge.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API token may be used for. A request made with a token has the rights its owner holds now
 * <em>and</em> its scopes grant: never more than the owner, never more than the scopes.
 */
public enum ApiTokenScope {
    /** Every *_VIEW right: read what the owner may read. */
    READ("read", EnumSet.of(Right.INTEGRATION_VIEW, Right.ISSUES_VIEW, Right.SUITES_VIEW, Right.CASES_VIEW, Right.CYCLES_VIEW)),
    /**
     * What importing automation results needs: find cycles and record results in them
     * (CYCLES_VIEW, CYCLES_EXECUTE), and find or create the automated cases they map to
     * (CASES_VIEW, CASES_MODIFY). Not CYCLES_MODIFY: renaming or deleting cycles is a person's work.
     */
    RESULTS_WRITE("results:write", EnumSet.of(Right.CYCLES_VIEW, Right.CYCLES_EXECUTE, Right.CASES_VIEW, Right.CASES_MODIFY));

    private final String wireName;
    private final Set<Right> rights;

    ApiTokenScope(String wireName, Set<Right> rights) {
        this.wireName = wireName;
        this.rights = rights;
    }

    /** As the API and the database spell it, e.g. {@code results:write}. */
    public String wireName() {
        return wireName;
    }

    public Set<Right> rights() {
        return EnumSet.copyOf(rights);
    }

    public static Optional<ApiTokenScope> fromWireName(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }

    /** The rights these scopes grant together. */
    public static Set<Right> rightsOf(Collection<ApiTokenScope> scopes) {
        Set<Right> rights = EnumSet.noneOf(Right.class);
        scopes.forEach(scope -> rights.addAll(scope.rights));
        return rights;
    }

    /** Every right some scope grants: an operation open to tokens must need one of these. */
    public static Set<Right> grantable() {
        return rightsOf(Arrays.asList(values()));
    }

    /** Scopes stored as text; names this version does not know are ignored (they grant nothing). */
    static Set<ApiTokenScope> fromWireNames(String[] names) {
        Set<ApiTokenScope> scopes = EnumSet.noneOf(ApiTokenScope.class);
        if (names != null) {
            Arrays.stream(names).map(ApiTokenScope::fromWireName).flatMap(Optional::stream).forEach(scopes::add);
        }
        return scopes;
    }
}
