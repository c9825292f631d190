using Microsoft.Playwright;

namespace Ledger.Tests.Support;

/// <summary>
/// Debian's headless Chromium (<c>apt-get install -y chromium</c>; .ci/run installs it) driven by Playwright for .NET.
/// The test tool never downloads a browser: a missing Chromium fails the test that needs it, saying how to install it.
/// Screenshots go to <see cref="Screenshots"/> (bin/…/artifacts/screenshots, or <c>LEDGER_SCREENSHOTS</c>).
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public static string Executable { get; } = Environment.GetEnvironmentVariable("LEDGER_CHROMIUM") is { Length: > 0 } configured
        ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists) ?? "";

    public static string Screenshots { get; } = Environment.GetEnvironmentVariable("LEDGER_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    readonly IPlaywright _playwright;
    readonly IBrowser _browser;
    readonly Uri _address;

    Browser(IPlaywright playwright, IBrowser browser, Uri address) => (_playwright, _browser, _address) = (playwright, browser, address);

    public static async Task<Browser> LaunchAsync(Uri address)
    {
        if (Executable.Length == 0 || !File.Exists(Executable))
            Assert.Fail("Chromium is not installed, and the workbench's browser tests need it: install Debian's headless Chromium with "
                + "`apt-get install -y chromium` (.ci/run does so), or set LEDGER_CHROMIUM to a Chromium executable. The tests never download one.");
        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: CI runs as root, where Chromium's sandbox will not start.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(Screenshots);
        // Expect(…) waits 5 s by default, its own timeout apart from the context's: as long as the context's, so that a
        // page drawn late on a loaded machine is waited for rather than failed.
        Assertions.SetDefaultExpectTimeout(60_000);
        return new Browser(playwright, browser, address);
    }

    /// <summary>A person at their own browser: a fresh context, so cookies (the sign-in) are theirs alone.</summary>
    public async Task<IPage> PersonAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _address.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1100, Height = 800 },
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
