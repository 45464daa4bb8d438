package ru.coalition.partners;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import ru.coalition.identity.CurrentUser;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

/** The partner the caller's token speaks for (claim "partner"); never taken from a URL or body. */
@RequestScoped
public class CurrentPartner {

    @Inject
    CurrentUser user;

    @Inject
    PartnerService partners;

    public static final String TILL_CLIENT_SUFFIX = "-pos";

    private Partner partner;

    public Partner require() {
        if (partner == null) {
            String slug = user.partnerSlug().orElseThrow(() -> new ProblemException(ErrorCode.PARTNER_NO_CLAIM));
            Partner p = partners.cachedBySlug(slug).orElseThrow(() -> new ProblemException(ErrorCode.PARTNER_UNKNOWN, slug));
            if (p.status == Partner.Status.SUSPENDED) {
                throw new ProblemException(ErrorCode.PARTNER_SUSPENDED, p.name);
            }
            partner = p;
        }
        return partner;
    }

    /**
     * The partner whose till is calling: the token must be the partner's own "<slug>-pos" client's (client
     * credentials). A cashier's or admin's personal token carries the same partner claim, but a person with a password
     * is not a till: the till API takes receipts and spends points without any person standing behind them.
     */
    public Partner requireTill() {
        Partner p = require();
        if (!user.authorizedParty().filter((p.slug + TILL_CLIENT_SUFFIX)::equals).isPresent()) {
            throw new ProblemException(ErrorCode.TILL_ONLY);
        }
        return p;
    }

    /** An object of another partner is answered as not found, so its existence is not revealed. */
    public Partner requireSlug(String slug) {
        Partner p = require();
        if (!p.slug.equals(slug)) {
            throw new ProblemException(ErrorCode.PARTNER_NOT_FOUND, slug);
        }
        return p;
    }
}
