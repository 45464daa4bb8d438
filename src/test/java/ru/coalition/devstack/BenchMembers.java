package ru.coalition.devstack;

/** Members made in bulk by SQL for the sending engine's crash test and benchmark (no sign-in, no Keycloak user). */
public final class BenchMembers {

    private BenchMembers() {
    }

    /** {@code n} active members with e-mail {@code <tag><i>@example.org}, first names from a few dozen. */
    public static String insert(int n, String tag) {
        return """
                insert into member (public_id, card_number, first_name, last_name, phone, email, birth_date, gender, city,
                                    social_status, income_bracket, preferred_channel, referral_code, status, registered_at, language)
                select gen_random_uuid(), '8%02d' || lpad(g::text, 13, '0'), (array['Анна','Иван','Мария','Пётр','Ольга','Сергей','Елена',
                       'Дмитрий','Наталья','Алексей'])[1 + g %% 10] || (g %% 7), 'Тестова', '+7%s' || lpad(g::text, 8, '0'),
                       '%s' || g || '@example.org', date '1990-01-01', 'female', 'Смоленск', 'employed', '50-100k', 'email',
                       '%s' || g, 'ACTIVE', now(), case when g %% 5 = 0 then 'en' else 'ru' end
                from generate_series(1, %d) g""".formatted(Math.abs(tag.hashCode()) % 100, 10 + Math.abs(tag.hashCode()) % 89, tag,
                tag.substring(0, Math.min(3, tag.length())).toUpperCase(), n);
    }

    /** Marketing e-mail consent for those members. */
    public static String consents(String tag) {
        return "insert into consent (member_id, kind, granted, wording_version, recorded_at, source)"
                + " select id, 'MARKETING_EMAIL', true, 'bench', now(), 'bench' from member where email like '" + tag + "%@example.org'";
    }
}
