package ru.coalition.platform;

import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A file someone uploaded, as a download: always "attachment", so a browser never runs anything it holds in our origin. */
public final class FileDownload {

    private FileDownload() {
    }

    public static Response of(String fileName, String contentType, byte[] bytes) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(bytes, contentType)
                .header("Content-Disposition", "attachment; filename=\"file\"; filename*=UTF-8''" + encoded)
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** A file id as a path names it; anything else is a missing file. */
    public static long idOf(String path) {
        try {
            return Long.parseLong(path);
        } catch (NumberFormatException e) {
            throw new ProblemException(ErrorCode.ATTACHMENT_NOT_FOUND);
        }
    }
}
