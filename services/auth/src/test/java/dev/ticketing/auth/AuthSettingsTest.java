package dev.ticketing.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.auth.adapters.security.BcryptPasswords;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    @Test
    void defaults_to_secure_cookies_and_bcrypt_cost_12() {
        AuthSettings settings = AuthSettings.from(new Env(Map.of()));
        assertThat(settings.secureCookies()).isTrue();
        assertThat(settings.bcryptCost()).isEqualTo(12);
        String hash = new BcryptPasswords(settings.bcryptCost()).hash("password");
        assertThat(hash).startsWith("$2b$12$");
        assertThat(new BcryptPasswords(12).matches("password", hash)).isTrue();
        assertThat(new BcryptPasswords(12).matches("passwore", hash)).isFalse();
    }

    @Test
    void names_the_variable_of_a_bad_value() {
        assertThatThrownBy(() -> AuthSettings.from(new Env(Map.of("BCRYPT_COST", "2"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BCRYPT_COST");
        assertThatThrownBy(() -> AuthSettings.from(new Env(Map.of("COOKIE_SECURE", "maybe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COOKIE_SECURE");
    }
}
