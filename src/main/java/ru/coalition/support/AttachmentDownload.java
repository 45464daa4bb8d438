package ru.coalition.support;

import jakarta.ws.rs.core.Response;
import ru.coalition.platform.FileDownload;

/** A ticket's file as a download ({@link FileDownload}). */
public final class AttachmentDownload {

    private AttachmentDownload() {
    }

    public static Response of(Attachments.Content c) {
        return FileDownload.of(c.fileName(), c.contentType(), c.bytes());
    }

    /** A file id as a path names it; anything else is a missing file. */
    public static long idOf(String path) {
        return FileDownload.idOf(path);
    }
}
