package ru.coalition.platform;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    static final Locale RU = Texts.RUSSIAN;

    /** Spaces of any kind as one plain space, so the expectations read as written. */
    static String plain(String s) {
        return s.replaceAll("[\\s\u00a0\u202f]+", " ");
    }

    @Test
    void sizesOnDiskInUnitsOf1024WithOneDecimalBelowTen() {
        assertEquals("0 Б", plain(Formats.bytes(0, RU)));
        assertEquals("1 000 Б", plain(Formats.bytes(1000, RU)));
        assertEquals("8 кБ", plain(Formats.bytes(8192, RU)), "CLDR's Russian unit name");
        assertEquals("1,2 ГБ", plain(Formats.bytes(1_288_490_188L, RU)));
        assertEquals("1.2 GB", plain(Formats.bytes(1_288_490_188L, Locale.ENGLISH)));
        assertEquals("13 GB", plain(Formats.bytes(13L << 30, Locale.ENGLISH)));
        assertEquals("2 048 ТБ", plain(Formats.bytes(2048L << 40, RU)), "the largest unit goes on counting");
    }
}
