namespace Orchestration.Grains.Common;

/// <summary>The numbering of a studio's events: each event takes the next number, studio-wide.</summary>
public interface IEventSequence
{
    long EventSequence { get; set; }
}
