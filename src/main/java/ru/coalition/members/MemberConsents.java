package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consents in force, asked for by whoever is about to send: a mailing checks them again for every recipient at the
 * moment the message leaves, so a withdrawal takes effect for every send that has not left yet (issue 12 §1, §5).
 */
@ApplicationScoped
@Transactional
public class MemberConsents {

    /** Whom a message can go to and in which language; {@code granted} is the consent asked about, read just now. */
    public record Recipient(long memberId, String firstName, String email, String phone, String language, String city,
                            boolean granted) {
    }

    @Inject
    EntityManager em;

    public boolean granted(long memberId, Consent.Kind kind) {
        return grantedAmong(List.of(memberId), kind).contains(memberId);
    }

    /** The members among these (active ones only) whose consent of this kind is in force. */
    public Set<Long> grantedAmong(Collection<Long> memberIds, Consent.Kind kind) {
        Set<Long> out = new HashSet<>();
        recipients(memberIds, kind).values().forEach(r -> {
            if (r.granted()) {
                out.add(r.memberId());
            }
        });
        return out;
    }

    /** Contacts, language and the consent in force of the active members among these, in one round trip. */
    public Map<Long, Recipient> recipients(Collection<Long> memberIds, Consent.Kind kind) {
        Map<Long, Recipient> out = new HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        // consent_state holds the latest decision per member and kind (V27), moved in the transaction of each decision
        List<Object[]> rows = em.createNativeQuery("select m.id, m.first_name, m.email, m.phone, m.language, m.city, s.granted"
                        + " from member m left join consent_state s on s.member_id = m.id and s.kind = :kind"
                        + " where m.id = any(cast(:ids as bigint[])) and m.status = 'ACTIVE'")
                .setParameter("ids", memberIds.toArray(Long[]::new))
                .setParameter("kind", kind.name())
                .getResultList();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            boolean granted = r[6] == null ? kind.grantedByDefault : (Boolean) r[6];
            out.put(id, new Recipient(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], granted));
        }
        return out;
    }

    /**
     * A segment's condition (ru.coalition.mailings.Segments): the consent of this kind is in force and granted for the
     * member row aliased {@code m}, read from consent_state (the decision in force per member and kind, V27); with no
     * decision recorded, the kind's default. A semi- or anti-join on consent_state's keys, not a look-up per member.
     */
    public String grantedSql(ru.coalition.platform.SqlParams params, Consent.Kind kind) {
        String k = params.bind(kind.name());
        return kind.grantedByDefault
                ? "not exists (select 1 from consent_state s where s.member_id = m.id and s.kind = " + k + " and not s.granted)"
                : "exists (select 1 from consent_state s where s.member_id = m.id and s.kind = " + k + " and s.granted)";
    }

    /** {@link #grantedSql} over a snapshot: the members whose consent of this kind is in force. */
    public java.util.BitSet granted(MemberSnapshot s, Consent.Kind kind) {
        if (kind.grantedByDefault) {
            java.util.BitSet out = s.everyone();
            out.andNot(s.withdrawn.get(kind));
            return out;
        }
        return (java.util.BitSet) s.granted.get(kind).clone();
    }
}
