namespace Ledger.Tests.Support;

public static class Repository
{
    /// <summary>The checkout's root: the folder holding Ledger.sln, found upwards from the test binaries.</summary>
    public static string Root { get; } = Find();

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }
}
