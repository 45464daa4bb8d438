package ru.coalition.web;

import io.quarkus.qute.TemplateExtension;

import java.util.List;

/** Qute has no list literals: {#for f in words:of('lastName firstName')} iterates over space-separated words. */
@TemplateExtension(namespace = "words")
public class Words {

    static List<String> of(String spaceSeparated) {
        return List.of(spaceSeparated.trim().split("\\s+"));
    }
}
