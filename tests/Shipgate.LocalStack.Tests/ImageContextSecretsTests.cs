using Shipgate.LocalStack.Images;

namespace Shipgate.LocalStack.Tests;

/// <summary>
/// The image build's children (<c>dotnet publish</c>, which may leave build servers running, and <c>ldd</c>) start
/// without the variables that carry the build's secrets (issue 14: pass children only what they need).
/// </summary>
public sealed class ImageContextSecretsTests
{
    private const string Carrier = "SHIPGATE_TEST_IMAGE_SECRET";

    [Fact]
    public async Task The_publish_never_sees_a_withheld_variable_while_others_reach_it()
    {
        using var dir = new TempDirectory();
        var project = Directory.CreateDirectory(dir.File("app")).FullName;
        // MSBuild reads environment variables as properties: the published file says what the publish saw.
        await File.WriteAllTextAsync(Path.Combine(project, "Probe.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <Target Name="WriteWhatPublishSaw" AfterTargets="Publish">
                <WriteLinesToFile File="$(PublishDir)seen.txt" Lines="secret=[$(SHIPGATE_TEST_IMAGE_SECRET)] plain=[$(SHIPGATE_TEST_IMAGE_PLAIN)]" Overwrite="true" />
              </Target>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"probe\");\n");
        await File.WriteAllTextAsync(Path.Combine(project, "Dockerfile"), "FROM scratch\n");
        Environment.SetEnvironmentVariable(Carrier, "s3cr3t-value");
        Environment.SetEnvironmentVariable("SHIPGATE_TEST_IMAGE_PLAIN", "visible");
        try
        {
            var context = await ImageContextBuilder.CreateAsync(new ImageContextOptions(
                Path.Combine(project, "Probe.csproj"), Path.Combine(project, "Dockerfile"), dir.File("context"))
            {
                WithheldVariables = [Carrier],
            });

            Assert.Equal("secret=[] plain=[visible]", (await File.ReadAllTextAsync(Path.Combine(context.Directory, "app", "seen.txt"))).Trim());
        }
        finally
        {
            Environment.SetEnvironmentVariable(Carrier, null);
            Environment.SetEnvironmentVariable("SHIPGATE_TEST_IMAGE_PLAIN", null);
        }
    }
}
