package io.netanal.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netanal.analysis.AnalysisOptions;
import io.netanal.analysis.CaptureFileAnalysis;
import io.netanal.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium (never a downloaded browser): the page connects with the token
 * from its URL, captures are ingested while it is open, and the tiles, tables and charts must show them from the
 * WebSocket pushes alone. Leaves {@code target/dashboard.png} to look at.
 */
@Timeout(180)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

  @TempDir Path data;

  @Test
  void shouldShowIngestedCapturesLiveInARealBrowser() throws Exception {
    TestData.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver (Debian packages) are needed for the dashboard's browser test");
    Path profile = Files.createTempDirectory(Files.createDirectories(Paths.get("target")), "chromium-profile-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1600,1000", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    byte[] sample = Files.readAllBytes(CollectorServerTest.SAMPLE);
    long packets = CaptureFileAnalysis.analyze(CollectorServerTest.SAMPLE, AnalysisOptions.defaults()).summary()
        .packets();

    try (TestCollector collector = new TestCollector(data, null, "dash-token", 64 << 20, 2)) {
      ChromeDriver browser = new ChromeDriver(service, options);
      try {
        browser.get(collector.server.url() + "/?token=dash-token");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));

        collector.post(sample, "Authorization", "Bearer dash-token", "X-Netanal-Sensor", "lab-1");
        collector.post(sample, "Authorization", "Bearer dash-token", "X-Netanal-Sensor", "lab-2",
            "Idempotency-Key", "second");
        wait.until(b -> b.findElement(By.id("t-files")).getText().equals("2"));
        Path shot = Paths.get("target", "dashboard.png");
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));

        assertThat(browser.findElement(By.id("t-packets")).getText()).isEqualTo(String.valueOf(2 * packets));
        assertThat(browser.findElement(By.id("t-sensors")).getText()).isEqualTo("2");
        List<WebElement> sources = browser.findElements(By.cssSelector("#sources tr td:first-child"));
        // The sample's DNS answer for example.com is 127.0.0.1: the learnt name labels the source.
        assertThat(sources.get(0).getText()).isEqualTo("example.com (127.0.0.1)");
        assertThat(browser.findElements(By.cssSelector("#sources tr"))).hasSize(10); // fixed rows: no jumps
        assertThat(browser.findElements(By.cssSelector("#sensors tr td:first-child")).subList(0, 2))
            .extracting(WebElement::getText).containsExactly("lab-1", "lab-2");
        assertThat(browser.findElement(By.id("protocols")).getText()).contains("eth", "tcp", "udp");
        assertThat(browser.findElement(By.id("alerts")).getText().strip()).isEqualTo("no alerts");
        // uPlot drew both charts with the pushed windows.
        Object points = browser.executeScript("return document.querySelectorAll('.uplot canvas').length");
        assertThat(((Number) points).intValue()).isEqualTo(2);

        // The corpus' nmap SYN scan raises a port-scan at ingest (as analyze does): the alerts panel shows it.
        Path scan = TestData.pcaps().resolve("chrissanders-packets/synscan.pcapng");
        collector.post(Files.readAllBytes(scan), "Authorization", "Bearer dash-token", "X-Netanal-Sensor", "tap-1");
        wait.until(b -> b.findElement(By.id("alerts")).getText().contains("port-scan"));
        Files.write(Paths.get("target", "dashboard-alerts.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertThat(browser.findElements(By.cssSelector("#alerts tr")).get(0).getText())
            .contains("port-scan", "172.16.0.8", "tap-1");
      } finally {
        browser.quit();
      }
    }
  }
}
