package org.carbonmrv.common.security;

/** The roles of the data-access model, from the token's {@code groups} claim. A person can hold several. */
public final class Roles {

    /** Uploads files, manages layouts and qaqc configuration, triggers recomputes. */
    public static final String ENGINEER = "engineer";
    /** Overrides qaqc flags, approves or rejects periods. */
    public static final String REVIEWER = "reviewer";
    /** Reads and exports. */
    public static final String VIEWER = "viewer";
    /** Internal systems: read JSON. */
    public static final String SERVICE = "service";
    /** Everything. */
    public static final String ADMIN = "admin";

    public static final String[] ALL = {ENGINEER, REVIEWER, VIEWER, SERVICE, ADMIN};

    private Roles() {
    }
}
