package ru.coalition.catalog;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.util.UUID;

/**
 * A reward's picture for the catalog pages. Public like the catalog; the address carries the picture's hash (?v=), so
 * browsers and proxies may keep it a day and revalidate by ETag after.
 */
@Path("/catalog/pictures/{rewardId}")
@PermitAll
public class CatalogPictureResource {

    @Inject
    CatalogService catalog;

    @GET
    public Response picture(@PathParam("rewardId") String rewardId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        UUID id;
        try {
            id = UUID.fromString(rewardId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        CatalogService.Picture p = catalog.picture(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        String cache = "public, max-age=86400";
        if (p.etag().equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, p.etag()).header(HttpHeaders.CACHE_CONTROL, cache).build();
        }
        return Response.ok(p.bytes(), p.contentType()).header(HttpHeaders.ETAG, p.etag()).header(HttpHeaders.CACHE_CONTROL, cache).build();
    }
}
