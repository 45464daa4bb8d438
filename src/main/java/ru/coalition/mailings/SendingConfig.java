package ru.coalition.mailings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the sending engine (coalition.sending.*, issue 12 §4, §5); docs/mailings.md "Sending engine". */
@ConfigMapping(prefix = "coalition.sending")
public interface SendingConfig {

    /** How often every replica starts due campaigns and its workers look for due rows (read by @Scheduled). */
    String every();

    /** Whether this replica's workers send at all (the due campaigns still start). */
    @WithDefault("true")
    boolean workers();

    /** Sender threads of one replica; each claims a batch, sends it and confirms every message as it is accepted. */
    @WithDefault("8")
    int threads();

    /** At most this many rows per claim (a batch is also never more than a tenth of a second's worth of the rate). */
    @WithDefault("50")
    int batchSize();

    /** Global rate of marketing e-mail across every replica, messages per second. */
    @WithDefault("1000")
    double emailPerSecond();

    /** Global rate of marketing SMS across every replica, messages per second. */
    @WithDefault("20")
    double smsPerSecond();

    /** Frequency cap: at most this many marketing messages per member ... */
    @WithDefault("2")
    int capMessages();

    /** ... within this many days, across every campaign and channel; 0 messages switches the cap off. */
    @WithDefault("P7D")
    Duration capWindow();

    /** Quiet hours of marketing SMS in the member's local time: none from this hour ... */
    @WithDefault("21")
    int quietFromHour();

    /** ... until this hour (the message waits until then). */
    @WithDefault("9")
    int quietToHour();

    /** A failed message is tried this many times in all, with back-off, then FAILED. */
    @WithDefault("4")
    int maxAttempts();

    /** A claimed row not confirmed by then belongs to a worker that died: another sends it (same Message-ID). */
    @WithDefault("PT2M")
    Duration claimFor();

    /** The domain of the campaign mails' Message-ID. */
    @WithDefault("coalition.local")
    String mailDomain();

    /** The envelope sender (Return-Path) of campaign mail, e.g. a bounce mailbox; the From address when unset. */
    Optional<String> bounceAddress();
}
