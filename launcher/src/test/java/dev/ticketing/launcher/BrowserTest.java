package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.expiration.ExpirationSettings;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.OrdersSettings;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The marketplace as a person uses it, in headless Chromium: sign up, sell a ticket and edit one, buy it as
 * another user, watch the countdown, pay, see the order complete; another order left alone expires.
 * Screenshots go to {@code target/screenshots}.
 */
class BrowserTest {
    private static final Duration WINDOW = Duration.ofSeconds(12);
    private static final Path SHOTS = Path.of("target", "screenshots");

    private Marketplace market;
    private Javalin web;
    private ChromeDriver browser;
    private String base;

    @BeforeEach
    void start() throws IOException {
        market = new Marketplace();
        market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4)));
        String auth = market.url(AuthMain.SERVICE);
        market.start(TicketsMain.SERVICE, TicketsMain::start);
        market.start(OrdersMain.SERVICE, r -> OrdersMain.start(r, new OrdersSettings(WINDOW)));
        market.start(ExpirationMain.SERVICE, r -> ExpirationMain.start(r, new ExpirationSettings(Duration.ofMillis(200))));
        market.start(PaymentsMain.SERVICE, PaymentsMain::start);
        web = WebMain.start(new WebSettings(0, auth, market.url(TicketsMain.SERVICE), market.url(OrdersMain.SERVICE),
                market.url(PaymentsMain.SERVICE), TestServices.JWT_KEY));
        base = "http://localhost:" + web.port();
        Files.createDirectories(SHOTS);
        browser = chromium();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.stop();
        }
        market.close();
    }

    @Test
    void a_seller_sells_a_buyer_pays_and_an_unpaid_order_expires() throws IOException {
        String title = "Concert " + UUID.randomUUID().toString().substring(0, 6);
        String second = title + " encore";

        signUp("seller");
        assertThat(navigation()).contains("Sell Tickets", "My Orders", "Sign Out").doesNotContain("Sign In");
        sell(title, "20");
        sell(second, "35.5");
        // The seller lands on the ticket they listed, and may change it.
        browser.findElement(By.xpath("//a[normalize-space()='Edit']")).click();
        await().atMost(BOUND).until(() -> browser.findElement(By.tagName("h1")).getText().equals("Edit your Ticket"));
        field("Price").clear();
        field("Price").sendKeys("36");
        browser.findElement(By.xpath("//button[normalize-space()='Submit']")).click();
        await().atMost(BOUND).until(() -> text().contains("Price: 36.00") && text().contains("You are selling this ticket"));
        shot("1-home-with-tickets");
        click("Sign Out");
        await().atMost(BOUND).until(() -> navigation().contains("Sign Up") && navigation().contains("Sign In"));

        signUp("buyer");
        openTicket(title);
        assertThat(text()).contains("Price: 20.00");
        browser.findElement(By.xpath("//button[normalize-space()='Purchase']")).click();
        // The click may return before the order page is in (the purchase is a form post, answered by a redirect).
        await().atMost(BOUND).ignoreExceptions().until(() -> browser.findElement(By.id("time-left")).getText()
                .startsWith("Time left to pay"));
        int first = secondsLeft();
        await().atMost(BOUND).until(() -> secondsLeft() < first);
        shot("2-order-countdown");
        browser.findElement(By.xpath("//button[normalize-space()='Pay']")).click(); // a form post, answered by a redirect
        await().atMost(BOUND).ignoreExceptions().until(() -> browser.findElement(By.id("status")).getText().equals("complete"));
        shot("3-order-paid");

        openTicketFromHome(second);
        assertThat(text()).contains("Price: 36.00");
        browser.findElement(By.xpath("//button[normalize-space()='Purchase']")).click();
        await().atMost(WINDOW.plusSeconds(20)).until(() -> text().contains("Order Expired"));
        assertThat(browser.findElement(By.id("actions")).isDisplayed()).as("Pay and Cancel once expired").isFalse();
        // The page also learns, without a reload, that the expiration service really ended the order.
        await().atMost(BOUND).until(() -> browser.findElement(By.id("status")).getText().equals("cancelled"));
        shot("4-order-expired");

        click("My Orders");
        await().atMost(BOUND).until(() -> text().contains(title + " - complete") && text().contains(second + " - cancelled"));
        shot("5-my-orders");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(base + "/");
        shot("6-phone-home");
        assertThat(browserErrors()).isEmpty();
    }

    private void signUp(String who) {
        browser.get(base + "/auth/signup");
        field("Email Address").sendKeys(who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        field("Password").sendKeys("password");
        browser.findElement(By.xpath("//button[normalize-space()='Sign Up']")).click();
        await().atMost(BOUND).until(() -> navigation().contains("Sign Out"));
    }

    private void sell(String title, String price) {
        click("Sell Tickets");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Create a Ticket");
        field("Title").sendKeys(title);
        field("Price").sendKeys(price);
        field("Title").click(); // leave the price field: it shows two decimals
        assertThat(field("Price").getAttribute("value")).matches("\\d+\\.\\d{2}");
        browser.findElement(By.xpath("//button[normalize-space()='Submit']")).click();
        await().atMost(BOUND).until(() -> text().contains(title));
    }

    private void openTicket(String title) {
        browser.get(base + "/");
        openTicketFromHome(title);
    }

    private void openTicketFromHome(String title) {
        browser.get(base + "/");
        await().atMost(BOUND).until(() -> text().contains(title));
        browser.findElement(By.xpath("//tr[td[normalize-space()='" + title + "']]//a[normalize-space()='View']")).click();
        await().atMost(BOUND).until(() -> browser.findElement(By.tagName("h1")).getText().equals(title));
    }

    private int secondsLeft() {
        String line = browser.findElement(By.id("time-left")).getText();
        assertThat(line).matches("Time left to pay: \\d+ seconds");
        return Integer.parseInt(line.replaceAll("\\D", ""));
    }

    private WebElement field(String label) {
        String id = browser.findElement(By.xpath("//label[normalize-space()='" + label + "']")).getAttribute("for");
        return browser.findElement(By.id(id));
    }

    private void click(String linkOrButton) {
        browser.findElement(By.xpath("//nav//*[normalize-space()='" + linkOrButton + "']")).click();
    }

    private String navigation() {
        return browser.findElement(By.tagName("nav")).getText();
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void shot(String name) throws IOException {
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + tempDir());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build();
        return new ChromeDriver(service, options);
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("chromium-").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
