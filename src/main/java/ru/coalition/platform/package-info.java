/**
 * Platform: errors (problem+json), clock, jobs, configuration, texts, and the API document. The package carries
 * the OpenAPI definition of the whole API (what SmallRye reads from a package or a JAX-RS Application class); the
 * document's operations come from the *ApiResource classes, shaped by {@link ru.coalition.platform.ApiDocument}.
 */
@OpenAPIDefinition(
        info = @Info(title = "Coalition API", version = "1",
                description = """
                        The partner and member API of the Coalition loyalty program.

                        **Tokens.** Bearer access tokens of the Keycloak realm `coalition` (security scheme `keycloak`). \
                        A partner's till uses the client credentials of its confidential client `<slug>-pos`; its tokens \
                        carry the claim `partner`, and the partner is always taken from the token, never from a URL or a \
                        body. Members use their own access token, as the cabinet and the mobile app do. Registration \
                        needs no token.

                        **Money and points.** Money is a decimal string with two places (`"1234.56"`); points are integers.

                        **Errors.** Every refusal is `application/problem+json` (RFC 9457) with a stable `code`; `title` and \
                        `detail` follow `Accept-Language` (`ru` by default, `en`). A request for another partner's \
                        object answers 404, exactly as if it did not exist.

                        **Retries.** Purchases, refunds and redemptions are idempotent on their ids: repeat a request \
                        whose answer was lost, an identical replay answers 200 with the first answer.""",
                license = @License(name = "Proprietary: for partners of the coalition under their agreement with the operator",
                        identifier = "LicenseRef-Proprietary")),
        servers = @Server(url = "/", description = "The installation that serves this document"),
        tags = {
                @Tag(name = ApiDocument.TAG_REGISTRATION, description = "Joining the program; public, no token."),
                @Tag(name = ApiDocument.TAG_MEMBER, description = "The signed-in member's own data (`/api/v1/me`): the"
                        + " member's access token (realm role `member`)."),
                @Tag(name = ApiDocument.TAG_PURCHASES, description = "Receipts and refunds from a partner's till, one by"
                        + " one or in batches. Token of the partner's `<slug>-pos` client only: a person's token answers"
                        + " 403 `till.only`."),
                @Tag(name = ApiDocument.TAG_TILL, description = "The member at the till: this partner's wallet and open"
                        + " offers, collecting an offer, paying with points. Token of the partner's `<slug>-pos` client only."),
                @Tag(name = ApiDocument.TAG_PARTNER, description = "The calling partner's profile and program in force"
                        + " (token of the partner's till or staff: roles `partner-admin`, `partner-cashier`)."),
                @Tag(name = ApiDocument.TAG_OPERATOR, description = "Ledger audit and manual adjustments, the rewards"
                        + " catalog's upkeep, for operator staff and their scripts (role `operator-admin`)."),
                @Tag(name = ApiDocument.TAG_SCRATCH, description = "Batches of scratch cards for a partner's admins (role"
                        + " `partner-admin`; the partner comes from the token), and a member entering a card's code."),
                @Tag(name = ApiDocument.TAG_CLEARING, description = "Monthly clearing statements: a partner admin's own"
                        + " (role `partner-admin`), every partner's with the totals for operator staff (role `operator-admin`)."),
                @Tag(name = ApiDocument.TAG_CATALOG, description = "The operator's rewards catalog, spent on with coalition"
                        + " points; public, no token."),
                @Tag(name = ApiDocument.TAG_BOARD, description = "The public Q&A board and the knowledge base: reading"
                        + " and searching need no token; asking, answering and reporting need a member's token (a first post"
                        + " waits for a moderator; posting is rate-limited); moderation and articles need a support agent's"
                        + " token (roles `support-agent`, `support-supervisor`)."),
                @Tag(name = ApiDocument.TAG_SEGMENTS, description = "Mailing segments: filters over the member base and"
                        + " their counts. The operator's (roles `mailing-manager`, `operator-admin`) count the whole base; a"
                        + " partner admin's (role `partner-admin`) count only the partner's own customers, never below 5."),
                @Tag(name = ApiDocument.TAG_MAIL_BOUNCES, description = "Bounce notices from the e-mail service provider"
                        + " that sends the operator's mailings: no token; the shared secret in the `X-Webhook-Secret` header."),
                @Tag(name = ApiDocument.TAG_ORDERS, description = "Orders for partners' services (docs/orders.md): the public"
                        + " list of a partner's services, the member's orders (role `member`), partner staff working them (roles"
                        + " `partner-admin`, `partner-cashier`), and the voice menu's webhook line for a cloud telephony provider"
                        + " (no token; signed with `X-Twilio-Signature`, docs/ivr.md)."),
        })
package ru.coalition.platform;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
