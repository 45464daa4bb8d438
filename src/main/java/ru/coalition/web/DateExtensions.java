package ru.coalition.web;

import io.quarkus.qute.TemplateExtension;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Dates on pages as people in Russia write them: {@code {entry.at.day}} gives 24.12.2026. */
@TemplateExtension
public final class DateExtensions {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private DateExtensions() {
    }

    static String day(OffsetDateTime t) {
        return t == null ? "" : t.format(DAY);
    }
}
