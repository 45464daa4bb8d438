package ru.coalition.mailings;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.audit.AuditLog;
import ru.coalition.catalog.CatalogService;
import ru.coalition.members.Consent;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CampaignMsg;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Formats;
import ru.coalition.platform.Messages;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The general newsletter (seeds/001: «общие рассылки два раза в неделю»): on each of its days (Tue and Fri 10:00 in
 * the operator's zone by default) an issue goes out. A day ahead, a replica-safe job composes the issue from the
 * catalog's rewards and the coalition's partners and holds it as a draft; the mailing manager reads, edits and approves
 * it (it is then scheduled for its slot) or rejects it. One issue per slot whatever the number of replicas: an
 * advisory lock serialises the drafting, and a unique index on the slot backs it.
 */
@ApplicationScoped
public class Newsletters {

    private static final Logger LOG = Logger.getLogger(Newsletters.class);
    private static final Locale RU = Locale.forLanguageTag("ru");
    private static final Locale EN = Locale.ENGLISH;

    @Inject
    MailingsConfig config;

    @Inject
    CoalitionConfig coalition;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    CatalogService catalog;

    @Inject
    PartnerService partners;

    @Inject
    AuditLog audit;

    @Scheduled(every = "${coalition.mailings.newsletter.every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void draftDue() {
        if (!config.newsletter().enabled()) {
            return;
        }
        for (Instant slot : slotsDue(clock.instant())) {
            draftIssue(slot);
        }
    }

    /** The newsletter's slots from now until the drafting horizon (now + draft-ahead). */
    public List<Instant> slotsDue(Instant now) {
        var n = config.newsletter();
        Instant horizon = now.plus(n.draftAhead());
        List<Instant> slots = new ArrayList<>();
        LocalDate day = now.atZone(n.zone()).toLocalDate();
        while (true) {
            if (n.days().contains(day.getDayOfWeek())) {
                Instant slot = ZonedDateTime.of(day, n.time(), n.zone()).toInstant();
                if (slot.isAfter(horizon)) {
                    break;
                }
                if (slot.isAfter(now)) {
                    slots.add(slot);
                }
            } else if (day.atStartOfDay(n.zone()).toInstant().isAfter(horizon)) {
                break;
            }
            day = day.plusDays(1);
        }
        return slots;
    }

    /** The issue of this slot: drafted now if no replica has drafted it yet. */
    @Transactional
    public Campaign draftIssue(Instant slot) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('newsletter-draft'))").getSingleResult();
        Optional<Campaign> existing = Campaign.find("newsletterSlot", slot).firstResultOptional();
        if (existing.isPresent()) {
            return existing.get();
        }
        Campaign c = new Campaign();
        c.kind = Campaign.Kind.NEWSLETTER;
        c.channel = Consent.Channel.EMAIL;
        c.status = Campaign.Status.DRAFT;
        c.newsletterSlot = slot;
        c.scheduledAt = slot;
        LocalDate day = slot.atZone(config.newsletter().zone()).toLocalDate();
        c.name = Messages.campaign(RU).newsletterName(Formats.date(day, RU));
        c.subjectRu = Messages.campaign(RU).newsletterSubject();
        c.subjectEn = Messages.campaign(EN).newsletterSubject();
        c.bodyRu = compose(RU);
        c.bodyEn = compose(EN);
        c.createdBy = "newsletter";
        c.createdAt = clock.instant();
        c.updatedAt = c.createdAt;
        c.persist();
        audit.record("campaign.newsletter-drafted", null, "campaign", String.valueOf(c.id), Map.of("slot", slot.toString()));
        LOG.infof("Drafted newsletter issue %d for %s", c.id, slot);
        return c;
    }

    /** The issue's Markdown: greeting, the catalog's rewards on offer, the partners to earn with, the way to the cabinet. */
    String compose(Locale locale) {
        CampaignMsg msg = Messages.campaign(locale);
        String base = coalition.publicUrl().replaceAll("/+$", "");
        StringBuilder md = new StringBuilder();
        md.append(msg.newsletterGreeting("{member.firstName}")).append("\n\n");
        List<CatalogService.Item> rewards = catalog.shown(locale).stream().filter(CatalogService.Item::available)
                .limit(config.newsletter().rewards()).toList();
        if (!rewards.isEmpty()) {
            md.append("## ").append(msg.newsletterRewardsHeading()).append("\n\n");
            for (CatalogService.Item r : rewards) {
                md.append("- ").append(escape(msg.newsletterReward(r.title(), Formats.points(r.cost(), locale), r.partnerName()))).append('\n');
            }
            md.append("\n[").append(msg.newsletterCatalogLink()).append("](").append(base).append("/cabinet/catalog)\n\n");
        }
        List<Partner> active = partners.list().stream().filter(p -> p.status == Partner.Status.ACTIVE).toList();
        if (!active.isEmpty()) {
            md.append("## ").append(msg.newsletterPartnersHeading()).append("\n\n");
            for (Partner p : active) {
                md.append("- ").append(escape(msg.newsletterPartner(p.name, p.city == null ? "" : p.city))).append('\n');
            }
            md.append('\n');
        }
        md.append(msg.newsletterClosing()).append(" [").append(msg.newsletterCabinetLink()).append("](").append(base).append("/cabinet)\n");
        return md.toString();
    }

    /** Braces in a reward's or partner's name must not be read as template expressions. */
    private static String escape(String s) {
        return s.replace("{", "\\{").replace("}", "\\}");
    }
}
