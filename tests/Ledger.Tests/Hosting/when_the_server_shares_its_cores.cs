using System.Text.Json.Nodes;

namespace Ledger.Tests.Hosting;

/// <summary>specs/decisions.md "Thread-pool workers do not spin": the setting the server ships with, read from its runtimeconfig.</summary>
public sealed class when_the_server_shares_its_cores
{
    [Fact]
    public void idle_thread_pool_workers_block_instead_of_spinning()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Ledger.Server.runtimeconfig.json")))!;
        var spin = config["runtimeOptions"]?["configProperties"]?["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"];
        Assert.NotNull(spin);
        Assert.Equal(0, spin.GetValue<int>());
    }
}
