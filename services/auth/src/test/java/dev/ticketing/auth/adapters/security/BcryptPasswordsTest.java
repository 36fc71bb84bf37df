package dev.ticketing.auth.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BcryptPasswordsTest {
    private static final String EMOJI = "\uD83D\uDE00"; // four bytes in UTF-8
    private final BcryptPasswords passwords = new BcryptPasswords(4);

    @Test
    void every_character_of_a_password_longer_than_bcrypt_reads_counts() {
        String twentyEmoji = EMOJI.repeat(20); // 80 bytes: bcrypt alone reads 72
        assertThat(twentyEmoji.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);
        String hash = passwords.hash(twentyEmoji);

        assertThat(passwords.matches(twentyEmoji, hash)).isTrue();
        assertThat(passwords.matches(EMOJI.repeat(18) + "xx", hash)).as("the same first 72 bytes").isFalse();
        assertThat(passwords.matches(EMOJI.repeat(19), hash)).isFalse();

        String exactly72 = passwords.hash(EMOJI.repeat(18)); // bcrypt reads it whole
        assertThat(passwords.matches(EMOJI.repeat(18), exactly72)).isTrue();
        assertThat(passwords.matches(EMOJI.repeat(18) + "x", exactly72)).as("nothing may be appended").isFalse();
    }

    @Test
    void short_passwords_and_hashes_made_before_by_truncating_still_match() {
        String hash = passwords.hash("secret");
        assertThat(passwords.matches("secret", hash)).isTrue();
        assertThat(passwords.matches("secreT", hash)).isFalse();

        String twentyEmoji = EMOJI.repeat(20);
        String before = BCrypt.with(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A))
                .hashToString(4, twentyEmoji.toCharArray());
        assertThat(passwords.matches(twentyEmoji, before)).isTrue();
        assertThat(passwords.matches("x" + EMOJI.repeat(19), before)).isFalse();
        assertThat(passwords.matches("x".repeat(65_536), passwords.hash("secret"))).isFalse();
    }

    @Test
    void a_decoy_is_a_well_formed_hash_at_the_same_cost_that_matches_no_password() {
        BcryptPasswords atCost6 = new BcryptPasswords(6);
        String decoy = atCost6.decoy();

        assertThat(decoy).startsWith("$2b$06$").hasSameSizeAs(atCost6.hash("secret")).isNotEqualTo(atCost6.decoy());
        assertThat(atCost6.matches("secret", decoy)).isFalse();
        assertThat(atCost6.matches("", decoy)).isFalse();
        // Well formed, so that checking a password against it runs bcrypt at its cost as a real hash does
        // (a malformed hash is refused at once, and a sign-in with an unknown address would answer sooner).
        BCrypt.Result checked = BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B))
                .verify("secret".getBytes(StandardCharsets.UTF_8), decoy.getBytes(StandardCharsets.UTF_8));
        assertThat(checked.validFormat).as(checked.formatErrorMessage).isTrue();
        assertThat(checked.details.cost).isEqualTo(6);
        assertThat(checked.verified).isFalse();
    }
}
