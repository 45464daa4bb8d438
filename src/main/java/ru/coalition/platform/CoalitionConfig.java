package ru.coalition.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Every {@code coalition.*} setting in one place (application.properties has the values and the profiles). Job
 * periods are also read by the {@code @Scheduled} expressions; they are listed here so a typo fails at start.
 */
@ConfigMapping(prefix = "coalition")
public interface CoalitionConfig {

    /** The public address of the site, for links in messages. */
    String publicUrl();

    /**
     * The operator's time zone: clearing months, members' dates, and the zone a new partner gets unless it names
     * its own.
     */
    @WithDefault("Europe/Moscow")
    String operatorZone();

    Sms sms();

    Database database();

    Outbox outbox();

    Tenants tenants();

    Registration registration();

    Jobs jobs();

    PaymentCode paymentCode();

    Till till();

    Web web();

    Profile profile();

    Scratch scratch();

    interface Database {
        /** The last migration to apply (platform.MigrationSettings); empty: all. */
        @io.smallrye.config.WithName("migrate-up-to")
        Optional<String> migrateUpTo();
    }

    interface Sms {
        Optional<String> apiKey();

        String sender();
    }

    interface Outbox {
        int batchSize();

        int maxAttempts();

        /** How often the dispatcher runs (a {@code @Scheduled} period). */
        String every();
    }

    interface Tenants {
        /** The folder of tenants/*.yaml. */
        Path dir();

        boolean loadAtStart();
    }

    /** Registrations per client address and window. */
    interface Registration {
        int limit();

        Duration window();
    }

    /** Periods of the jobs every replica runs ("off" in tests, which run them themselves). */
    interface Jobs {
        String delay();

        Every offers();

        Every birthdays();

        Every tiers();

        /** How often a replica looks whether last month's clearing is due to close. */
        Every clearing();

        /** Points expiry and the notices 14 days before. */
        Every expiry();

        /** Purchases and refunds folded into the activity tables that segment counts read (purchases.PurchaseActivity). */
        @io.smallrye.config.WithName("purchase-activity")
        Every purchaseActivity();

        /**
         * How far before its cursor a cursor job (offers) reads again: covers entries posted by a transaction that
         * committed after the previous run had looked, and the skew between the replicas' clocks. Rereading is harmless
         * (the jobs are idempotent); it must exceed the longest transaction plus the largest skew.
         */
        @WithDefault("PT5M")
        Duration overlap();

        /** How often a replica makes the partitions ahead of the ids drawn (platform.IdRanges). */
        @io.smallrye.config.WithName("id-ranges")
        Every idRanges();

        /** The nightly full check of the ledger invariants (a cron expression, or "off"). */
        @WithDefault("0 30 3 * * ?")
        String auditCron();

        interface Every {
            String every();
        }
    }

    interface PaymentCode {
        @WithDefault("PT10M")
        Duration ttl();

        /** Wrong codes per member and partner in 10 minutes before further attempts wait. */
        @WithDefault("5")
        int attempts();
    }

    interface Till {
        /** A partner's look-ups of members by phone or card per minute. */
        @WithDefault("120")
        int lookupsPerMinute();
    }

    interface Web {
        /** Strict-Transport-Security on every answer (production, behind TLS). */
        @WithDefault("false")
        boolean hsts();

        /** Cookies the app sets carry Secure (production). */
        @WithDefault("false")
        boolean secureCookies();
    }

    /** The member's own profile: confirming a new phone or e-mail (issue 9 §3). */
    interface Profile {
        /** How long a confirmation code sent to a new address works. */
        @WithDefault("PT15M")
        Duration codeTtl();

        /** Wrong codes per member in one window (code-window) before a code is refused and a new one is needed. */
        @WithDefault("5")
        int codeAttempts();

        @WithDefault("PT15M")
        Duration codeWindow();

        /** Codes sent per member and hour: nobody's phone is flooded with SMS through our page. */
        @WithDefault("5")
        int codesPerHour();
    }

    /** Scratch cards (issue 10 §1–§3). */
    interface Scratch {
        /** Base64 of at least 32 random bytes keying the code hashes (SCRATCH_CODE_HASH_KEY); never change it. */
        String codeHashKey();

        /** Base64 of at least 32 random bytes sealing plain codes until activation (SCRATCH_CODE_SEAL_KEY). */
        String codeSealKey();

        /** Refused code entries per member, and per client address, within an hour. */
        @WithDefault("10")
        int attemptsPerHour();

        /** How often a replica looks for batches to generate and batches past their last day. */
        @WithDefault("2s")
        String every();

        /** Cards generated and written per transaction (the progress moves by this much). */
        @WithDefault("10000")
        int chunk();
    }
}
