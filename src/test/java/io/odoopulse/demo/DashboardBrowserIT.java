package io.odoopulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The built-in Nerve Centre page, as {@code mvn spring-boot:run} serves it (default configuration: the demo Odoo, the
 * built-in receiver), in Debian's Chromium: the window switch shows each window's figures of the latest snapshot,
 * hero tiles come first, the charts are drawn, and a screenshot is kept in target/screenshots/.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=dashboard-browser",
        "spring.datasource.url=jdbc:h2:mem:dashboard-browser;DB_CLOSE_DELAY=-1;MODE=PostgreSQL"})
@DirtiesContext
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Autowired
    SnapshotInbox inbox;
    @LocalServerPort
    int port;

    private ChromeDriver browser;

    @BeforeEach
    void chromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2200");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        await().atMost(Duration.ofSeconds(90)).until(() -> inbox.latest("demo").isPresent());
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theWindowSwitchShowsEachWindowsFiguresOfTheLatestSnapshotWithDrawnCharts() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/?refresh=0");
        WebElement tenant = browser.findElement(By.cssSelector("section.tenant[data-tenant='demo']"));
        JsonNode shown = inbox.all("demo").stream()
                .filter(s -> s.path("generatedAt").asText().equals(tenant.getDomAttribute("data-generated")))
                .findFirst().orElseThrow(() -> new AssertionError("the page shows no snapshot the receiver got"));
        assertThat(inbox.all("demo").indexOf(shown)).as("the latest, or one a push came after while loading")
                .isGreaterThanOrEqualTo(inbox.all("demo").size() - 2);

        List<WebElement> sections = tenant.findElements(By.cssSelector("div.hero, div.standard, div.cross-channel"));
        assertThat(sections.get(0).getDomAttribute("class")).as("hero tiles first").isEqualTo("hero");

        for (String window : List.of("t", "24h", "7d", "30d", "90d")) {
            tenant.findElement(By.cssSelector(".switch button[data-window='" + window + "']")).click();
            for (String id : List.of("revenue", "orders")) {
                JsonNode card = card(shown, id, window, "USD");
                WebElement tile = tenant.findElement(By.cssSelector(".tile[data-card='" + id
                        + "'][data-currency='USD']"));
                WebElement figure = tile.findElement(By.cssSelector(".figure[data-window-of='" + window + "']"));
                assertThat(figure.isDisplayed()).as("%s %s shown", id, window).isTrue();
                assertThat(new BigDecimal(figure.findElement(By.className("value")).getText()))
                        .as("%s %s", id, window).isEqualByComparingTo(card.path("value").asText());
                assertThat(tile.findElements(By.cssSelector(".figure[data-window-of]"))).filteredOn(
                        WebElement::isDisplayed).as("one window at a time").hasSize(1);
                assertThat(tile.getDomAttribute("class")).contains(card.path("sentiment").asText());
            }
        }

        WebElement chart = tenant.findElement(By.cssSelector(".tile[data-card='revenue'][data-currency='USD'] svg"));
        String line = chart.findElement(By.tagName("path")).getDomAttribute("d");
        assertThat(line.split("[ML]")).as("one point per day of the series, 30 days").hasSizeGreaterThan(30);
        assertThat(tenant.findElements(By.cssSelector("table.freshness tr"))).hasSizeGreaterThan(1);

        // The audit checklist: each check of the Odoo audit profile with the snapshot's figure and its mark.
        List<String> checks = new java.util.ArrayList<>();
        for (JsonNode card : shown.path("cards")) {
            if (card.path("section").asText().startsWith("audit-") && card.path("window").asText().equals("now")) {
                WebElement row = tenant.findElement(By.cssSelector("tr.check[data-check='" + card.path("id").asText()
                        + "'][data-currency='" + (card.path("currency").isNull() ? "" : card.path("currency").asText())
                        + "']"));
                assertThat(new BigDecimal(row.findElement(By.className("value")).getText())).as(card.path("id")
                        .asText()).isEqualByComparingTo(card.path("value").asText());
                assertThat(row.findElement(By.tagName("td")).getText()).isEqualTo(card.path("sentiment").asText()
                        .equals("POSITIVE") ? "\u2713" : card.path("sentiment").asText().equals("NEGATIVE") ? "\u2717"
                        : "\u2022");
                checks.add(card.path("id").asText());
            }
        }
        assertThat(checks).contains("audit-negative-quants", "audit-uninvoiced-orders",
                "audit-stale-draft-invoices", "audit-published-out-of-stock", "audit-published-catalogue-gaps",
                "stock-value", "audit-slow-moving-stock-value");

        tenant.findElement(By.cssSelector(".switch button[data-window='30d']")).click();
        browser.manage().window().setSize(new Dimension(1400, 2200));
        Path screenshot = Path.of("target", "screenshots", "dashboard.png");
        Files.createDirectories(screenshot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static JsonNode card(JsonNode snapshot, String id, String window, String currency) {
        for (JsonNode card : snapshot.path("cards")) {
            if (card.path("id").asText().equals(id) && card.path("window").asText().equals(window)
                    && card.path("currency").asText().equals(currency)) {
                return card;
            }
        }
        throw new AssertionError("no card " + id + " " + window + " " + currency);
    }
}
