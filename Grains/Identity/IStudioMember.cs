namespace Orchestration.Grains.Identity;

/// <summary>A grain whose key does not name its studio (an agent grain: the key is the agent id) says which studio it
/// belongs to, so the caller gate can keep other studios' credentials out.</summary>
public interface IStudioMember
{
    /// <summary>The studio it joined; null while it has joined none.</summary>
    string? MemberOfStudio { get; }
}
