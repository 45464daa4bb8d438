package ru.coalition.ivr;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.TreeMap;

/**
 * The voice menu's webhook line (issue 14 §2, docs/ivr.md) in Twilio's documented dialect, which other clouds copy: the
 * provider POSTs the call (CallSid, From, To) and, after each &lt;Gather&gt;, the keys (Digits); we answer TwiML that says
 * the next prompt and gathers the next input. Every request must carry X-Twilio-Signature: base64 of HMAC-SHA1 keyed
 * with the account's auth token over the URL the provider called followed by each form field's name and value in name
 * order. A request without a valid one is refused before anything is read or written.
 */
@Path("/api/v1/ivr/twiml/{slug}")
@PermitAll
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements
@Tag(name = ApiDocument.TAG_ORDERS)
public class TwimlLineResource {

    static final String ADAPTER = "TWIML";

    /** The provider's form fields we read, for the API document (the request is read as a form, all fields signed). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "TwimlRequest")
    public record Form(@org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The provider's id of the call") String CallSid,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The caller's number") String From,
                       String To,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The keys of the last <Gather>") String Digits,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "On the status callback: completed, busy, …") String CallStatus) {
    }
    static final String XML = "application/xml";

    @Inject
    VoiceMenu menu;

    @Inject
    PartnerService partners;

    @Inject
    IvrConfig config;

    @Inject
    CoalitionConfig coalition;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(XML)
    @Operation(operationId = "voiceMenuTurn", summary = "A turn of the voice menu for a cloud provider (TwiML)",
            description = "The call's first request has no Digits; each <Gather> posts them back here. Signed with X-Twilio-Signature.")
    @ProblemResponses({ErrorCode.IVR_SIGNATURE, ErrorCode.PARTNER_NOT_FOUND})
    public Response turn(@PathParam("slug") String slug, @QueryParam("timeout") String timeout,
                         @HeaderParam("X-Twilio-Signature") String signature, @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Form.class))) MultivaluedMap<String, String> form) {
        verify(signature, form);
        Partner partner = partners.cachedBySlug(slug).orElseThrow(() -> new ProblemException(ErrorCode.PARTNER_NOT_FOUND, slug));
        String callSid = form.getFirst("CallSid");
        if (callSid == null || callSid.isBlank()) {
            throw new ProblemException(ErrorCode.VALIDATION);
        }
        VoiceMenu.Turn turn;
        if ((form.containsKey("Digits") || timeout != null) && menu.known(ADAPTER, callSid)) {
            // a <Gather> ended by # posts the digits without it, and "" when # alone was pressed
            String digits = form.getFirst("Digits");
            turn = menu.input(ADAPTER, callSid, timeout != null ? "" : digits == null || digits.isEmpty() ? "#" : digits);
        } else {
            turn = menu.start(partner, ADAPTER, callSid, form.getFirst("From"));
        }
        return Response.ok(twiml(turn, action(slug)), XML).build();
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "voiceMenuStatus", summary = "The provider's status callback: the call ended")
    @ProblemResponses(ErrorCode.IVR_SIGNATURE)
    public Response status(@PathParam("slug") String slug, @HeaderParam("X-Twilio-Signature") String signature,
                           @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Form.class))) MultivaluedMap<String, String> form) {
        verify(signature, form);
        String status = form.getFirst("CallStatus");
        if (form.getFirst("CallSid") != null && ("completed".equals(status) || "busy".equals(status) || "failed".equals(status)
                || "no-answer".equals(status) || "canceled".equals(status))) {
            menu.ended(ADAPTER, form.getFirst("CallSid"));
        }
        return Response.noContent().build();
    }

    private String action(String slug) {
        return coalition.publicUrl() + "/api/v1/ivr/twiml/" + slug;
    }

    static String twiml(VoiceMenu.Turn turn, String action) {
        String lang = "en".equals(turn.language()) ? "en-US" : "ru-RU";
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        String say = "<Say language=\"" + lang + "\">" + escape(turn.text()) + "</Say>";
        if (turn.hangsUp()) {
            x.append(say).append("<Hangup/>");
        } else {
            VoiceMenu.Gather g = turn.gather();
            x.append("<Gather input=\"dtmf\" method=\"POST\" action=\"").append(escape(action)).append("\" timeout=\"")
                    .append(g.timeoutSeconds()).append('"');
            if (g.untilHash()) {
                x.append(" finishOnKey=\"#\" numDigits=\"").append(g.maxDigits() + 1).append('"');
            } else {
                x.append(" numDigits=\"1\" finishOnKey=\"\"");
            }
            x.append('>').append(say).append("</Gather>");
            x.append("<Redirect method=\"POST\">").append(escape(action + "?timeout=1")).append("</Redirect>");
        }
        return x.append("</Response>").toString();
    }

    private void verify(String signature, MultivaluedMap<String, String> form) {
        String token = config.twiml().authToken().orElse("");
        if (token.isBlank() || signature == null || !MessageDigest.isEqual(
                sign(token, requestUrl(), form).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new ProblemException(ErrorCode.IVR_SIGNATURE);
        }
    }

    /** The URL as the provider called it: our public address, the path and the query. */
    private String requestUrl() {
        String query = uri.getRequestUri().getRawQuery();
        return coalition.publicUrl() + uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
    }

    /** Twilio's request signature: base64(HMAC-SHA1(token, url + name1 + value1 + name2 + value2 …)), names sorted. */
    static String sign(String token, String url, MultivaluedMap<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, values) -> values.forEach(v -> data.append(name).append(v)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
