package ru.coalition.mailings;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.members.Consent;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the campaign pages of the console and the portal show, gathered in one transaction per page. */
@ApplicationScoped
@Transactional
public class CampaignPages {

    /** One line of the list. */
    @TemplateData
    public record Row(long id, String name, String kind, String channel, String partner, String status, Instant when,
                      Integer recipients) {
    }

    /** A segment the composer offers. */
    @TemplateData
    public record SegmentChoice(String id, String name, String partner) {
    }

    /** A campaign's page: null campaign fields for a new one. */
    @TemplateData
    public record View(Long id, String name, String kind, String channel, String partner, String status, boolean editable,
                       boolean canSchedule, boolean canReject, boolean canUnschedule, boolean canWithdraw,
                       String segmentName, List<SegmentChoice> segments, Instant scheduledAt, Instant wishedAt,
                       Instant newsletterSlot, String requestedBy, String approvedBy, String rejectionReason,
                       Integer recipients, SmsParts smsRu, SmsParts smsEn, CampaignStats.Stats stats) {

        /** While it sends, the figures refresh themselves. */
        public boolean live() {
            return "SENDING".equals(status) || "PAUSED".equals(status) || "SCHEDULED".equals(status);
        }

        public String consoleAction() {
            return id == null ? "/operator/mailings" : "/operator/mailings/" + id;
        }

        public String consoleFigures() {
            return "/operator/mailings/" + id + "/figures";
        }

        public String portalFigures() {
            return "/portal/campaigns/" + id + "/figures";
        }

        public String portalAction() {
            return id == null ? "/portal/campaigns" : "/portal/campaigns/" + id;
        }
    }

    @Inject
    PartnerService partners;

    @Inject
    CampaignRenderer renderer;

    @Inject
    CampaignStats stats;

    @Inject
    Campaigns campaigns;

    public List<Row> rows(Long partnerScope) {
        Map<Long, String> names = partnerNames();
        return campaigns.list(partnerScope).stream()
                .map(c -> new Row(c.id, c.name, c.kind.name(), c.channel.name(), c.partnerId == null ? null : names.get(c.partnerId),
                        c.status.name(), c.status == Campaign.Status.REQUESTED ? c.wishedAt : c.scheduledAt != null ? c.scheduledAt : c.createdAt,
                        c.recipients))
                .toList();
    }

    public View newView(Long partnerScope) {
        return new View(null, null, null, null, null, null, true, false, false, false, false, null,
                segments(partnerScope), null, null, null, null, null, null, null, null, null, null);
    }

    /** A campaign's page for the operator (partnerScope null) or its partner. */
    public View view(Campaign c, Long partnerScope) {
        boolean operator = partnerScope == null;
        Campaign.Status s = c.status;
        boolean editable = operator
                ? s == Campaign.Status.REQUESTED || s == Campaign.Status.DRAFT || s == Campaign.Status.SCHEDULED
                : s == Campaign.Status.REQUESTED;
        Segment segment = c.segmentId == null ? null : Segment.findById(c.segmentId);
        String partner = c.partnerId == null ? null : partnerNames().get(c.partnerId);
        boolean sms = c.channel == Consent.Channel.SMS;
        return new View(c.id, c.name, c.kind.name(), c.channel.name(), partner, s.name(), editable,
                operator && (s == Campaign.Status.REQUESTED || s == Campaign.Status.DRAFT || s == Campaign.Status.SCHEDULED),
                operator && (s == Campaign.Status.REQUESTED || s == Campaign.Status.DRAFT && c.kind == Campaign.Kind.NEWSLETTER),
                operator && s == Campaign.Status.SCHEDULED,
                !operator && s == Campaign.Status.REQUESTED,
                segment == null ? null : segment.name, segments(operator ? null : partnerScope), c.scheduledAt, c.wishedAt,
                c.newsletterSlot, c.requestedBy, c.approvedBy, c.rejectionReason, c.recipients,
                sms ? SmsParts.of(c.bodyRu) : null, sms && c.bodyEn != null ? SmsParts.of(c.bodyEn) : null,
                c.startedAt != null ? stats.of(c) : null);
    }

    /** The figures of a campaign that has started (null before). */
    public CampaignStats.Stats stats(Campaign c) {
        return c.startedAt != null ? stats.of(c) : null;
    }

    /** The mail as the sample member gets it, a whole HTML document for the preview frame. */
    public String preview(Campaign c, String lang) {
        String language = "en".equals(lang) ? "en" : "ru";
        if (c.channel != Consent.Channel.EMAIL) {
            return "";
        }
        String problem = renderer.problem(c.body(language)) != null ? renderer.problem(c.body(language)) : renderer.problem(c.subject(language));
        if (problem != null) {
            return "<!DOCTYPE html><html><body><pre>" + problem.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre></body></html>";
        }
        return renderer.render(c, Campaigns.sampleReader(language), language).html();
    }

    /** The operator sees every segment (its own first, then the partners'); a partner only its own. */
    public List<SegmentChoice> segments(Long partnerScope) {
        Map<Long, String> names = partnerNames();
        List<Segment> list = partnerScope == null
                ? Segment.list("order by partnerId nulls first, name")
                : Segment.list("partnerId = ?1 order by name", partnerScope);
        return list.stream().map(s -> new SegmentChoice(String.valueOf(s.id), s.name, s.partnerId == null ? null : names.get(s.partnerId))).toList();
    }

    private Map<Long, String> partnerNames() {
        Map<Long, String> names = new HashMap<>();
        for (Partner p : partners.list()) {
            names.put(p.id, p.name);
        }
        return names;
    }
}
