package dev.ticketing.auth.adapters.http;

import static dev.ticketing.auth.AuthTestApp.anEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.auth.AuthTestApp;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route and error case of /api/users, through the real app and database. */
class UserRoutesTest {
    private static AuthTestApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        app = new AuthTestApp();
        http = app.http();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static Response signUp(String email, String password) {
        return http.post("/api/users/signup", credentials(email, password), Map.of());
    }

    private static Response signIn(String email, String password) {
        return http.post("/api/users/signin", credentials(email, password), Map.of());
    }

    private static String sessionCookie(Response response) {
        return response.headerValues("Set-Cookie").stream().filter(c -> c.startsWith("session="))
                .findFirst().orElseThrow();
    }

    private static String cookieValue(Response response) {
        String cookie = sessionCookie(response);
        return cookie.substring("session=".length(), cookie.indexOf(';'));
    }

    @Test
    void returns_a_201_with_the_user_on_successful_signup() {
        String email = anEmail();
        Response response = signUp(email, "password");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("email").asText()).isEqualTo(email);
        assertThat(response.json().get("id").asText()).isNotBlank();
        assertThat(response.json().has("password")).isFalse();
    }

    @Test
    void sets_an_http_only_lax_secure_session_cookie_after_signup() {
        String cookie = sessionCookie(signUp(anEmail(), "password"));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Secure").contains("Path=/");
    }

    @Test
    void returns_a_400_with_an_invalid_email() {
        Response response = signUp("not-an-email", "password");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString())
                .isEqualTo("{\"errors\":[{\"message\":\"Email must be valid\",\"field\":\"email\"}]}");
    }

    @Test
    void returns_a_400_with_a_password_too_short_or_too_long_after_trimming() {
        for (String password : new String[] {"p", "  abc  ", "x".repeat(21)}) {
            Response response = signUp(anEmail(), password);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":"
                    + "\"Password must be between 4 and 20 characters\",\"field\":\"password\"}]}");
        }
        assertThat(signUp(anEmail(), "  abcd  ").status()).isEqualTo(201);
    }

    @Test
    void returns_a_400_with_missing_email_and_password() {
        Response response = http.post("/api/users/signup", "{}", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).hasSize(2);
        assertThat(http.post("/api/users/signup", "{\"email\":5,\"password\":true}", Map.of()).status())
                .isEqualTo(400);
    }

    @Test
    void returns_a_400_for_malformed_json() {
        Response response = http.post("/api/users/signup", "{\"email\":", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void disallows_duplicate_emails_whatever_their_case() {
        String email = anEmail();
        assertThat(signUp(email, "password").status()).isEqualTo(201);
        for (String again : new String[] {email, email.toUpperCase()}) {
            Response duplicate = signUp(again, "password");
            assertThat(duplicate.status()).isEqualTo(400);
            assertThat(duplicate.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Email in use\"}]}");
        }
    }

    @Test
    void signs_in_with_the_right_password_and_sets_a_cookie() {
        String email = anEmail();
        signUp(email, "password");
        Response response = signIn(email.toUpperCase(), "password");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("email").asText()).isEqualTo(email);
        assertThat(sessionCookie(response)).containsIgnoringCase("HttpOnly");
    }

    @Test
    void answers_an_unknown_email_and_a_wrong_password_alike() {
        String email = anEmail();
        signUp(email, "password");
        Response unknown = signIn(anEmail(), "password");
        Response wrong = signIn(email, "wrong-password");
        for (Response response : new Response[] {unknown, wrong}) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Invalid credentials\"}]}");
            assertThat(response.headerValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void answers_passwords_longer_than_bcrypt_reads_with_a_4xx() {
        String email = anEmail();
        String euros = "\u20AC".repeat(20); // 60 bytes: the most a password of 20 characters takes here
        assertThat(signUp(email, euros).status()).isEqualTo(201);
        assertThat(signIn(email, euros).status()).isEqualTo(200);
        Response long_ = signIn(email, "p".repeat(10_000));
        assertThat(long_.status()).isEqualTo(400);
        assertThat(long_.json().at("/errors/0/message").asText()).isEqualTo("Invalid credentials");
    }

    @Test
    void validates_sign_in_input() {
        Response badEmail = signIn("nope", "password");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().at("/errors/0/field").asText()).isEqualTo("email");
        Response noPassword = signIn(anEmail(), "   ");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.json().toString())
                .isEqualTo("{\"errors\":[{\"message\":\"You must supply a password\",\"field\":\"password\"}]}");
    }

    @Test
    void clears_the_cookie_after_signing_out() {
        Response signedUp = signUp(anEmail(), "password");
        Response response = http.post("/api/users/signout", "{}",
                Map.of("Cookie", "session=" + cookieValue(signedUp)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{}");
        String cleared = sessionCookie(response);
        assertThat(cleared).startsWith("session=;");
        assertThat(cleared.contains("Max-Age=0") || cleared.contains("Expires=Thu, 01 Jan 1970"))
                .as("cookie expired: " + cleared).isTrue();
    }

    @Test
    void responds_with_details_about_the_current_user() {
        String email = anEmail();
        Response signedUp = signUp(email, "password");
        String token = cookieValue(signedUp);
        for (Map<String, String> headers : new Map[] {Map.of("Cookie", "session=" + token),
                Map.of("Authorization", "Bearer " + token)}) {
            Response response = http.get("/api/users/currentuser", headers);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().at("/currentUser/email").asText()).isEqualTo(email);
            assertThat(response.json().at("/currentUser/id").asText()).isEqualTo(signedUp.json().get("id").asText());
            assertThat(response.json().at("/currentUser/exp").asLong() - response.json().at("/currentUser/iat").asLong())
                    .isEqualTo(Duration.ofDays(1).toSeconds());
        }
    }

    /**
     * The contract's claims only ({@code id, email, iat, exp}), or the course's ({@code id, email} and the
     * {@code iat} its library adds), signed with {@code JWT_KEY} as a client of the contract may mint them:
     * the user is signed in, and signing out ends that token too.
     */
    @Test
    void takes_tokens_minted_with_the_contracts_claims_and_signs_them_out() {
        Instant now = Instant.now();
        String contract = JWT.create().withClaim("id", "u-1").withClaim("email", "a@example.com").withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC256(TestServices.JWT_KEY));
        String course = JWT.create().withClaim("id", "u-2").withClaim("email", "b@example.com").withIssuedAt(now)
                .sign(Algorithm.HMAC256(TestServices.JWT_KEY));
        for (String token : List.of(contract, course)) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
            assertThat(http.get("/api/users/currentuser", bearer).json().at("/currentUser/email").asText())
                    .endsWith("@example.com");
            assertThat(http.post("/api/users/signout", "{}", bearer).status()).isEqualTo(200);
            assertThat(http.get("/api/users/currentuser", bearer).json().toString()).isEqualTo("{\"currentUser\":null}");
        }
        assertThat(app.runtime().tokens().verify(course)).hasValueSatisfying(user ->
                assertThat(user.exp() - user.iat()).as("a session's lifetime").isEqualTo(Duration.ofDays(1).toSeconds()));
    }

    @Test
    void responds_with_null_when_not_signed_in() {
        Response response = http.get("/api/users/currentuser", Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"currentUser\":null}");
        Response forged = http.get("/api/users/currentuser", Map.of("Cookie", "session=abc.def.ghi"));
        assertThat(forged.json().toString()).isEqualTo("{\"currentUser\":null}");
    }

    @Test
    void stores_only_a_bcrypt_hash_of_the_password() {
        String email = anEmail();
        signUp(email, "my-secret");
        String stored = app.runtime().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT password_hash FROM users WHERE email = :email").bind("email", email).mapTo(String.class).one());
        assertThat(stored).startsWith("$2b$04$").doesNotContain("my-secret");
    }

    @Test
    void leaves_out_the_secure_flag_when_switched_off_for_plain_local_http() {
        try (AuthTestApp local = new AuthTestApp(new AuthSettings(false, 4))) {
            Response response = local.http().post("/api/users/signup", credentials(anEmail(), "password"), Map.of());
            assertThat(sessionCookie(response)).doesNotContainIgnoringCase("Secure").containsIgnoringCase("HttpOnly");
        }
    }
}
