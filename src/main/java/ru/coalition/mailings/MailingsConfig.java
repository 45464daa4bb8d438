package ru.coalition.mailings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the mailings (coalition.mailings.*, issue 12). */
@ConfigMapping(prefix = "coalition.mailings")
public interface MailingsConfig {

    /** Base64 of at least 32 random bytes signing the unsubscribe and tracking links (MAILING_LINK_KEY). */
    String linkKey();

    /** The address of the {@code mailto:} half of List-Unsubscribe (a mailbox the app reads). */
    String unsubscribeAddress();

    /** The general newsletter's schedule (issue 12 §4). */
    Newsletter newsletter();

    /** Segment counts (issue 12 §3, SegmentIndex). */
    Counts counts();

    interface Counts {
        /** From this many members in force, counts come from a snapshot in memory instead of SQL. */
        @WithDefault("200000")
        long snapshotFrom();

        /** How often each replica makes its snapshot again (and checks the base's size). */
        @WithDefault("5m")
        String snapshotEvery();
    }

    interface Newsletter {
        /** Off: no issue is drafted (the tests switch it on with a clock of their own). */
        boolean enabled();

        /** How often each replica looks for an issue to draft. */
        String every();

        /** The days of the week it goes out, e.g. TUESDAY,FRIDAY. */
        java.util.List<java.time.DayOfWeek> days();

        /** The hour it goes out on those days, in {@link #zone()}. */
        java.time.LocalTime time();

        java.time.ZoneId zone();

        /** How long before its slot an issue is drafted for the mailing manager to read and approve. */
        java.time.Duration draftAhead();

        /** How many rewards of the catalog an issue shows. */
        int rewards();
    }

    /** The short number members text STOP to (the SMS gateway's inbound number), named in every marketing SMS. */
    @WithDefault("3443")
    String smsStopNumber();

    /**
     * The shared secret the SMS gateway sends in X-Webhook-Secret with each inbound SMS (SMS_INBOUND_SECRET); without
     * one the inbound webhook refuses every call.
     */
    Optional<String> smsInboundSecret();
}
