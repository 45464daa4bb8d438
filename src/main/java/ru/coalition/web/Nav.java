package ru.coalition.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import ru.coalition.identity.Roles;
import ru.coalition.platform.BoardMsg;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Msg;
import ru.coalition.platform.OrderMsg;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.SegmentMsg;
import ru.coalition.platform.SupportMsg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one menu of every page, made from the viewer's roles: a link appears only for a page its role may open, so no
 * menu link answers 403. The layout renders {nav}; pages no longer write their own menus, so the menu is the same on
 * every page of one person. {@link #landing} is where each role's work is.
 */
public final class Nav {

    /** A menu entry; current marks the page being shown (aria-current). */
    public record Link(String href, String label, boolean current) {
    }

    /** A page of the menu and the roles that may open it, in menu order. */
    private record Page(String href, Function<Msg, String> label, Set<String> roles) {
    }

    private static final Set<String> EVERYONE = Set.of(Roles.MEMBER, Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER, Roles.OPERATOR_ADMIN,
            Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR, Roles.MAILING_MANAGER);

    private static final List<Page> PAGES = List.of(
            new Page("/cabinet", Msg::cabinetTitle, Set.of(Roles.MEMBER)),
            new Page("/cabinet/wallets", Msg::walletsTitle, Set.of(Roles.MEMBER)),
            new Page("/cabinet/code", Msg::scratchEnterTitle, Set.of(Roles.MEMBER)),
            new Page("/cabinet/catalog", Msg::catalogTitle, Set.of(Roles.MEMBER)),
            new Page("/cabinet/vouchers", Msg::vouchersTitle, Set.of(Roles.MEMBER)),
            new Page("/cabinet/orders", orders(OrderMsg::navOrders), Set.of(Roles.MEMBER)),
            new Page("/cabinet/tickets", Msg::navSupport, Set.of(Roles.MEMBER)),
            new Page("/cabinet/profile", Msg::cabinetProfile, Set.of(Roles.MEMBER)),
            new Page("/portal", Msg::portalTitle, Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/till", Msg::portalTill, Set.of(Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER)),
            new Page("/portal/program", Msg::portalProgram, Set.of(Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER)),
            new Page("/portal/scratch", Msg::scratchBatchesTitle, Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/statements", Msg::statementsTitle, Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/analytics", m -> Messages.portal(requestLocale()).analyticsTitle(), Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/staff", Msg::staffTitle, Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/audit", Msg::operatorAudit, Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/orders", orders(OrderMsg::navOrders), Set.of(Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER)),
            new Page("/portal/tickets", Msg::navCases, Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/voice-calls", m -> Messages.ivr(requestLocale()).voiceCallsTitle(), Set.of(Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER)),
            new Page("/portal/webhooks", m -> Messages.webhooks(requestLocale()).navWebhooks(), Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/campaigns", m -> Messages.campaign(requestLocale()).partnerCampaignsTitle(), Set.of(Roles.PARTNER_ADMIN)),
            new Page("/portal/segments", segment(SegmentMsg::segmentsTitle), Set.of(Roles.PARTNER_ADMIN)),
            new Page("/operator", Msg::operatorPartners, Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/tickets", Msg::navTickets, Set.of(Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/members", Msg::deskTitle, Set.of(Roles.OPERATOR_ADMIN, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/mailings", m -> Messages.campaign(requestLocale()).campaignsTitle(), Set.of(Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN)),
            new Page("/operator/audience", Msg::audienceTitle, Set.of(Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN)),
            new Page("/operator/mailings/segments", segment(SegmentMsg::segmentsTitle), Set.of(Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN)),
            new Page("/operator/mailings/bounces", m -> Messages.bounce(requestLocale()).bouncesTitle(), Set.of(Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN)),
            new Page("/operator/ledger", Msg::operatorLedger, Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/scratch", Msg::scratchAllTitle, Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/clearing", Msg::clearingTitle, Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/analytics", m -> Messages.console(requestLocale()).opAnalyticsTitle(), Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/catalog", Msg::operatorCatalog, Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/voice-calls", m -> Messages.ivr(requestLocale()).voiceCallsTitle(),
                    Set.of(Roles.OPERATOR_ADMIN, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/support/sla", m -> Messages.sla(requestLocale()).slaTitle(), Set.of(Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/support/dashboard", Msg::navSupportFigures, Set.of(Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/support/honour", Msg::navHonourBoard, Set.of(Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/audit", Msg::operatorAudit, Set.of(Roles.OPERATOR_ADMIN, Roles.SUPPORT_SUPERVISOR)),
            new Page("/operator/staff", Msg::staffTitle, Set.of(Roles.OPERATOR_ADMIN)),
            new Page("/operator/board", board(BoardMsg::boardConsoleTitle), Set.of(Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)),
            // the public Q&A board and knowledge base: for everyone (visitors get the same links from the layout)
            new Page("/board", board(BoardMsg::boardTitle), EVERYONE),
            new Page("/kb", board(BoardMsg::kbTitle), EVERYONE));

    /** Pages of the support desk, whose labels are in its own bundle (SupportMsg); after the pages above. */
    private record SupportPage(String href, Function<SupportMsg, String> label, Set<String> roles) {
    }

    private static final List<SupportPage> SUPPORT_PAGES = List.of(
            new SupportPage("/operator/calls", SupportMsg::callsTitle, Set.of(Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)));

    /** Where a signed-in person with these roles starts: the first page of the menu they may open. */
    private static final Map<String, String> LANDING = new LinkedHashMap<>();

    static {
        LANDING.put(Roles.OPERATOR_ADMIN, "/operator");
        LANDING.put(Roles.SUPPORT_SUPERVISOR, "/operator/tickets");
        LANDING.put(Roles.SUPPORT_AGENT, "/operator/tickets");
        LANDING.put(Roles.MAILING_MANAGER, "/operator/mailings");
        LANDING.put(Roles.PARTNER_ADMIN, "/portal");
        LANDING.put(Roles.PARTNER_CASHIER, "/portal/till");
        LANDING.put(Roles.MEMBER, "/cabinet");
    }

    private Nav() {
    }

    /** A label from the board's bundle, in the language of the request. */
    private static Function<Msg, String> board(Function<BoardMsg, String> label) {
        return msg -> label.apply(Messages.board(Arc.container().instance(RequestLocale.class).get().get()));
    }

    /** A label from the orders' bundle, in the language of the request. */
    private static Function<Msg, String> orders(Function<OrderMsg, String> label) {
        return msg -> label.apply(Messages.orders(requestLocale()));
    }

    /** A label from the segments' bundle, in the language of the request. */
    private static Function<Msg, String> segment(Function<SegmentMsg, String> label) {
        return msg -> label.apply(Messages.segment(requestLocale()));
    }

    /** The menu of the current request's viewer; empty for a visitor who is not signed in. */
    @TemplateGlobal(name = "nav")
    public static List<Link> links() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return List.of();
        }
        SecurityIdentity identity = container.instance(SecurityIdentity.class).get();
        if (identity.isAnonymous()) {
            return List.of();
        }
        java.util.Locale locale = container.instance(RequestLocale.class).get().get();
        Msg msg = Messages.of(locale);
        String path = currentPath();
        List<Link> links = new ArrayList<>();
        for (Page page : PAGES) {
            if (page.roles.stream().anyMatch(identity::hasRole)) {
                links.add(new Link(page.href, page.label.apply(msg), page.href.equals(path)));
            }
        }
        SupportMsg support = Messages.support(locale);
        for (SupportPage page : SUPPORT_PAGES) {
            if (page.roles.stream().anyMatch(identity::hasRole)) {
                links.add(new Link(page.href, page.label.apply(support), page.href.equals(path)));
            }
        }
        return links;
    }

    /** The language of the request being served (for labels kept in another bundle than Msg). */
    private static java.util.Locale requestLocale() {
        return Arc.container().instance(RequestLocale.class).get().get();
    }

    /** Whether the viewer is signed in: the layout then shows the sign-out button. */
    @TemplateGlobal(name = "signedIn")
    public static boolean signedIn() {
        var container = Arc.container();
        return container != null && container.requestContext().isActive()
                && !container.instance(SecurityIdentity.class).get().isAnonymous();
    }

    /** The page of this identity's own work, or null when none of its roles has one yet. */
    public static String landing(SecurityIdentity identity) {
        for (var entry : LANDING.entrySet()) {
            if (identity.hasRole(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String currentPath() {
        var current = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        return current == null ? "" : current.normalizedPath();
    }
}
