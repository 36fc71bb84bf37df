package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/** {@code /api/docs} renders the OpenAPI document in headless Chromium, from the packaged viewer alone. */
class ApiDocsBrowserTest {
    @Test
    void the_api_docs_page_renders_every_route_of_the_document() throws Exception {
        Javalin web = WebMain.start(new WebSettings(0, "http://localhost:1", "http://localhost:1", "http://localhost:1",
                "http://localhost:1", TestServices.JWT_KEY), Telemetry.none());
        ChromeDriver browser = BrowserTest.chromium();
        try {
            browser.get("http://localhost:" + web.port() + "/api/docs");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    browser.findElements(By.cssSelector(".opblock-summary-path")).size() >= 13);
            assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream()
                            .map(path -> path.getText().replace("\u200B", ""))) // the viewer breaks paths after slashes
                    .contains("/api/users/signup", "/api/tickets/{id}", "/api/orders/{id}", "/api/payments");
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("Ticketing API");
            Path shots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(shots.resolve("api-docs.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
            web.stop();
        }
    }
}
