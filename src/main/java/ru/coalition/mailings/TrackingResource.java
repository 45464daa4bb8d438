package ru.coalition.mailings;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.net.URI;
import java.util.Base64;

/**
 * The public tracking addresses of campaign mail (no sign-in; not in the API document): the pixel answers a 1×1 GIF
 * whatever the token, and records an open for a genuine one; a redirect link answers 303 to its target when the token
 * is genuine for that target and the target is a link of the campaign's own body, else 404.
 */
@Path("/t")
public class TrackingResource {

    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    @Inject
    Tracking tracking;

    @GET
    @Path("/o/{token}")
    public Response open(@PathParam("token") String token) {
        tracking.verify(Tracking.Kind.OPEN, token, null).ifPresent(v -> {
            Campaign c = Campaign.findById(v.campaignId());
            if (c != null && c.trackOpens) {
                tracking.record(Tracking.Kind.OPEN, v, null);
            }
        });
        return Response.ok(PIXEL, "image/gif").header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/c/{token}")
    public Response click(@PathParam("token") String token, @QueryParam("u") String url) {
        if (url == null || url.length() > 2000) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        Tracking.Verified v = tracking.verify(Tracking.Kind.CLICK, token, url).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Campaign c = Campaign.findById(v.campaignId());
        if (c == null || !tracking.isLinkOf(c, url)) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        if (c.trackClicks) {
            tracking.record(Tracking.Kind.CLICK, v, url);
        }
        URI target;
        try {
            target = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return Response.seeOther(target).header("Cache-Control", "no-store").build();
    }
}
