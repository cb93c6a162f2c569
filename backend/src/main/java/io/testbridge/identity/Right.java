package io.testbridge.identity;

/** What a role may do, per module (the seed's "Modify rights for Integration system"). */
public enum Right {
    INTEGRATION_VIEW,
    INTEGRATION_MODIFY,
    ISSUES_VIEW,
    ISSUES_CREATE,
    SUITES_VIEW,
    SUITES_MODIFY,
    CASES_VIEW,
    CASES_MODIFY,
    CYCLES_VIEW,
    CYCLES_MODIFY,
    CYCLES_EXECUTE,
    USERS_MANAGE
}
