package ru.coalition.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on files attached to tickets (coalition.support.attachments.*). */
@ConfigMapping(prefix = "coalition.support.attachments")
public interface AttachmentSettings {

    /** The largest file accepted, in bytes (5 MB: a phone's photo of a receipt). */
    @WithDefault("5242880")
    int maxBytes();

    /** How many files one ticket may hold. */
    @WithDefault("10")
    int perTicket();
}
