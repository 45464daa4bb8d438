package ru.coalition.support;

import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A ticket's file as a download: always "attachment", so a browser never runs anything it holds in our origin. */
public final class AttachmentDownload {

    private AttachmentDownload() {
    }

    public static Response of(Attachments.Content c) {
        String encoded = URLEncoder.encode(c.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(c.bytes(), c.contentType())
                .header("Content-Disposition", "attachment; filename=\"file\"; filename*=UTF-8''" + encoded)
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** A file id as a path names it; anything else is a missing file. */
    public static long idOf(String path) {
        try {
            return Long.parseLong(path);
        } catch (NumberFormatException e) {
            throw new ru.coalition.platform.ProblemException(ru.coalition.platform.ErrorCode.ATTACHMENT_NOT_FOUND);
        }
    }
}
