namespace Orchestration.Grains.Interfaces.Conflicts;

/// <summary>The ways out of a dependency conflict between a prerequisite and the item that needs it.</summary>
[GenerateSerializer, Alias("orch.ResolutionKind")]
public enum ResolutionKind
{
    /// <summary>Move the dependent item to when its prerequisite is ready.</summary>
    DelayDependent = 1,

    /// <summary>Keep the release date; run the experiment after launch.</summary>
    ProceedAndRunAfter = 2,

    /// <summary>End the experiment in time with a faster variant and lower statistical power.</summary>
    ShortenPrerequisite = 3,

    /// <summary>Ship the release on its date without the part that needs the experiment's result.</summary>
    DescopeDependent = 4,
}
