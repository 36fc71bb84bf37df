package dev.ticketing.auth.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    @Test
    void accepts_ordinary_addresses() {
        assertThat(CredentialRules.isValidEmail("test@test.com")).isTrue();
        assertThat(CredentialRules.isValidEmail("first.last+tag@mail.example.org")).isTrue();
    }

    @Test
    void refuses_what_is_not_an_address() {
        for (String bad : new String[] {null, "", "test", "test@", "@test.com", "a b@test.com", "test@test",
                "a..b@test.com", "a@test..com", ".a@test.com"}) {
            assertThat(CredentialRules.isValidEmail(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void counts_password_length_after_trimming() {
        assertThat(CredentialRules.isAcceptablePassword("abcd")).isTrue();
        assertThat(CredentialRules.isAcceptablePassword("  abc ")).isFalse();
        assertThat(CredentialRules.isAcceptablePassword("x".repeat(20))).isTrue();
        assertThat(CredentialRules.isAcceptablePassword("x".repeat(21))).isFalse();
        assertThat(CredentialRules.isAcceptablePassword(null)).isFalse();
    }

    @Test
    void counts_password_length_in_characters_not_utf16_units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertThat(CredentialRules.isAcceptablePassword(emoji.repeat(2))).isFalse();
        assertThat(CredentialRules.isAcceptablePassword(emoji.repeat(3))).isFalse();
        assertThat(CredentialRules.isAcceptablePassword(emoji.repeat(4))).isTrue();
        assertThat(CredentialRules.isAcceptablePassword(emoji.repeat(20))).isTrue();
        assertThat(CredentialRules.isAcceptablePassword(emoji.repeat(21))).isFalse();
    }
}
