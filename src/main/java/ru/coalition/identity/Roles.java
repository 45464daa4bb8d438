package ru.coalition.identity;

/** The realm roles of ARCHITECTURE.md, as used in @RolesAllowed. */
public final class Roles {
    public static final String MEMBER = "member";
    public static final String PARTNER_ADMIN = "partner-admin";
    public static final String PARTNER_CASHIER = "partner-cashier";
    public static final String OPERATOR_ADMIN = "operator-admin";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String SUPPORT_SUPERVISOR = "support-supervisor";
    public static final String MAILING_MANAGER = "mailing-manager";

    private Roles() {
    }
}
