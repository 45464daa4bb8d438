package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts a member agreed to, per wording version, kind and language (table consent_wording, V27). The consent
 * centre shows the current version's text from here, so what is shown is what the history row's version proves; a
 * new text comes with a new version and a migration adding its rows (rows are never changed).
 */
@ApplicationScoped
public class ConsentWordings {

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    /** The text of this version, kind and language ("ru" unless "en"); null when that version has no such text. */
    public String text(String version, Consent.Kind kind, String language) {
        String lang = "en".equals(language) ? "en" : "ru";
        String key = version + "|" + kind + "|" + lang;
        String hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select text from consent_wording where version = :v and kind = :k and language = :l")
                .setParameter("v", version).setParameter("k", kind.name()).setParameter("l", lang).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        cache.put(key, rows.get(0));
        return rows.get(0);
    }

    /** The text in force now. */
    public String current(Consent.Kind kind, String language) {
        return text(Consent.WORDING_VERSION, kind, language);
    }
}
