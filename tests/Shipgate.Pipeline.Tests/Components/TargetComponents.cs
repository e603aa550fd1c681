namespace Shipgate.Pipeline.Tests.Components;

// Components that declare targets, the way a release library would; the build classes of the tests implement them.

/// <summary>Lets component targets record that they ran; the build class holds the list.</summary>
internal interface IRecorder : IShipgateBuild
{
    List<string> Ran { get; }
}

internal interface IStackTargets : IRecorder
{
    Target Up => _ => _.Description("Starts the stack").Executes(() => Ran.Add(nameof(Up)));
}

internal interface IReleaseTargets : IStackTargets, IDeploySettings
{
    Target Image => _ => _.DependsOn(Up).Requires(() => ReleaseVersion).Executes(() => Ran.Add(nameof(Image)));

    Target Push => _ => _.DependsOn(Image).Executes(() => Ran.Add(nameof(Push)));

    Target Deploy => _ => _.DependsOn(Push).Executes(() => Ran.Add($"{nameof(Deploy)} {ReleaseVersion} to {TargetEnvironment}"));

    Target Stamp => _ => _.Requires(() => BuildNumber).Executes(() => Ran.Add(nameof(Stamp)));
}

/// <summary>Declares a target another component implements, as Nuke's IDeclaringComponent does.</summary>
internal interface ISmokeTest : IRecorder
{
    Target Smoke { get; }
}

internal interface ISmokeTestByCurl : ISmokeTest
{
    Target ISmokeTest.Smoke => _ => _.Executes(() => Ran.Add("Smoke by curl"));
}

/// <summary>A second component with a target called <c>Deploy</c>.</summary>
internal interface IOtherDeploy : IRecorder
{
    Target Deploy => _ => _.Executes(() => Ran.Add("Other deploy"));
}

internal class ReleaseBuild : ShipgateBuild, IReleaseTargets
{
    public List<string> Ran { get; } = [];

    public Target Test => _ => _.Executes(() => Ran.Add(nameof(Test)));
}

/// <summary>Relates to another component's targets by interface, with each of the six relations.</summary>
internal interface IVerifyTargets : IRecorder
{
    Target Verify => _ => _
        .DependsOn<IStackTargets>(x => x.Up)
        .TriggeredBy<IReleaseTargets>(x => x.Deploy)
        .Executes(() => Ran.Add(nameof(Verify)));

    Target Report => _ => _
        .After<IVerifyTargets>(x => x.Verify)
        .Before<IReleaseTargets>(x => x.Stamp)
        .Executes(() => Ran.Add(nameof(Report)));

    Target Announce => _ => _
        .Triggers<IVerifyTargets>(x => x.Report)
        .DependentFor<IReleaseTargets>(x => x.Push)
        .Executes(() => Ran.Add(nameof(Announce)));
}
