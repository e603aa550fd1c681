using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline.Tests.Tooling;

public sealed class CommandLineTextTests
{
    [Fact]
    public void Plain_arguments_stay_bare_others_are_single_quoted()
    {
        var text = CommandLineText.Format("dotnet", ["build", "my project.csproj", "--property:Version=1.2.3", "", "it's", "$HOME", "a*b"]);

        Assert.Equal(@"dotnet build 'my project.csproj' --property:Version=1.2.3 '' 'it'\''s' '$HOME' 'a*b'", text);
    }
}
