package dev.ticketing.tickets.domain;

import java.math.BigDecimal;
import java.util.Optional;

/** What a title and a price must be. Prices are exact decimals: never floating point. */
public final class TicketRules {
    public static final BigDecimal MAX_PRICE_EXCLUSIVE = new BigDecimal("1000000");

    private TicketRules() {
    }

    /** Longest title, counted in characters (code points) after trimming. */
    public static final int MAX_TITLE = 120;

    /** What is wrong with {@code title} (already trimmed), if anything, in the contract's words. */
    public static Optional<String> titleProblem(String title) {
        if (title == null || showsNothing(title)) {
            return Optional.of("Title is required");
        }
        if (title.codePointCount(0, title.length()) > MAX_TITLE) {
            return Optional.of("Title must be at most " + MAX_TITLE + " characters");
        }
        if (!hasOnlyPrintableCharacters(title)) {
            return Optional.of("Title contains invalid characters");
        }
        return Optional.empty();
    }

    /**
     * Nothing but spaces of any script (U+00A0, U+3000, ...), invisible format characters (U+200B, a
     * joiner, ...) and the other characters Unicode means to be drawn as nothing or as a blank (fillers,
     * variation selectors, the braille blank): a title that would show as a blank line in the list.
     */
    private static boolean showsNothing(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT || isBlankByDesign(c));
    }

    private static boolean isBlankByDesign(int c) {
        return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
                || c == 0x2800 || c == 0x3164 || c == 0xFFA0 || (c >= 0xFE00 && c <= 0xFE0F)
                || (c >= 0xE0100 && c <= 0xE01EF);
    }

    /**
     * No control characters (NUL, line breaks, tabs, ...), no halves of a surrogate pair, and none of the
     * invisible controls of text direction (U+202A - U+202E, U+2066 - U+2069), which make a title read
     * otherwise than it is stored; other invisible format characters stay (an emoji sequence's joiner).
     */
    private static boolean hasOnlyPrintableCharacters(String text) {
        return text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.SURROGATE
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }

    /** Greater than 0, at most two decimals, below 1,000,000. */
    public static boolean isValidPrice(BigDecimal price) {
        return price != null && price.signum() > 0 && price.compareTo(MAX_PRICE_EXCLUSIVE) < 0
                && price.stripTrailingZeros().scale() <= 2;
    }
}
