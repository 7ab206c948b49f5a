using System.CommandLine;
using Orchestration.Grains.Interfaces.Agents;
using Orchestration.Grains.Interfaces.Agents.Llm;

namespace Orchestration.Cli.Commands;

internal static class AgentCommands
{
    public static Command Create()
    {
        var agents = new Command("agents", "Agents of the studio");

        var list = new Command("list", "Registered agents");
        list.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.GetAgentsAsync(), rows => CliContext.Table(rows,
                ("ID", a => a.AgentId), ("KIND", a => a.Kind), ("NAME", a => a.DisplayName),
                ("CAPACITY", a => a.Capacity), ("HOSTING", a => a.Hosting), ("SINCE", a => a.RegisteredAt.ToString("u"))))));
        agents.Subcommands.Add(list);

        var id = new Option<string>("--id") { Description = "Agent id", Required = true };
        var kind = new Option<string>("--kind") { Description = $"Agent kind ({AgentKinds.ExperimentTracker}, {AgentKinds.ProjectShipper}, …)", Required = true };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var capacity = new Option<int>("--capacity") { Description = "Work slots", DefaultValueFactory = _ => 1 };

        var register = new Command("register", "Register an external agent (one that runs in another process)") { id, kind, name, capacity };
        register.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.RegisterExternalAgentAsync(parse.GetValue(id)!, parse.GetValue(kind)!, parse.GetValue(name)!, parse.GetValue(capacity)),
                r => $"{(r.WasDuplicate ? "already registered" : "registered")}: {r.Agent.AgentId} ({r.Agent.Kind}); strategy in force: {(r.CurrentStrategy is { } s ? $"v{s.Version}" : "none")}")));
        agents.Subcommands.Add(register);

        var start = new Command("start", "Start a hosted agent grain of that kind and join it to the studio") { id, kind, name, capacity };
        start.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await studio.StartHostedAgentAsync(parse.GetValue(kind)!, parse.GetValue(id)!, parse.GetValue(name)!, parse.GetValue(capacity)),
                s => $"started: {s.AgentId} ({s.Kind}) in studio {s.StudioId}; strategy v{s.Strategy?.Version ?? 0}")));
        agents.Subcommands.Add(start);

        var showId = new Argument<string>("agent-id") { Description = "Agent id" };
        var show = new Command("show", "A hosted agent's state: strategy applied and recent inbox") { showId };
        show.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
        {
            var agentId = parse.GetValue(showId)!;
            var profile = (await studio.GetAgentsAsync()).FirstOrDefault(a => a.AgentId == agentId)
                ?? throw new CliNotFoundException($"studio '{studio.StudioId}' has no agent '{agentId}' (see `agents list`)");
            if (profile.Hosting != AgentHosting.Hosted)
                throw new CliNotFoundException($"{agentId} is an external agent ({profile.Kind}): its state lives in its own process; `inbox {agentId}` follows what it is sent");
            CliContext.Print(parse, await studio.HostedAgent(profile.Kind, agentId).GetSnapshot(), s =>
                $"{s.AgentId} ({s.Kind}) in {s.StudioId ?? "no studio"}, capacity {s.Capacity}, strategy v{s.Strategy?.Version ?? 0}"
                + Environment.NewLine
                + CliContext.Table(s.Inbox, ("SENT", m => m.SentAt.ToString("u")), ("TYPE", m => m.Type), ("SUMMARY", m => m.Summary)));
        }));
        agents.Subcommands.Add(show);

        var reactions = new Command("reactions", "An LLM agent's reactions: applied (what it sent, its answer, tokens), pending, dead letters") { showId };
        reactions.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await (await LlmAgent(studio, parse.GetValue(showId)!)).GetReactions(), r =>
                CliContext.Table(r.Applied, ("APPLIED", a => a.AppliedAt.ToString("u")), ("MESSAGE", a => a.MessageId), ("TRIES", a => a.Attempts),
                    ("TOKENS", a => a.InputTokens + a.OutputTokens), ("SENT", a => string.Join("; ", a.Actions)))
                + Environment.NewLine
                + CliContext.Table(r.Pending.Concat(r.DeadLetters), ("MESSAGE", p => p.MessageId), ("TYPE", p => p.MessageType), ("TRIES", p => p.Attempts),
                    ("STATE", p => p.DeadLetteredAt is { } at ? $"dead-lettered {at:u}" : $"next {p.NextAttemptAt:u}"), ("LAST ERROR", p => p.LastError)))));
        agents.Subcommands.Add(reactions);

        var messageId = new Argument<string>("message-id") { Description = "A dead-lettered message's id (see `agents reactions`)" };
        var retry = new Command("retry", "Send an LLM agent's dead-lettered message back to its model for a fresh series of attempts") { showId, messageId };
        retry.SetAction((parse, ct) => CliContext.Run(parse, ct, async studio =>
            CliContext.Print(parse, await (await LlmAgent(studio, parse.GetValue(showId)!)).Retry(parse.GetValue(messageId)!),
                p => $"retrying {p.MessageId} ({p.MessageType}) now")));
        agents.Subcommands.Add(retry);

        return agents;
    }

    /// <summary>A registered agent of the llm-agent kind (any other has no reactions to show).</summary>
    private static async Task<ILlmAgentGrain> LlmAgent(Orchestration.Client.StudioClient studio, string agentId)
    {
        var profile = (await studio.GetAgentsAsync()).FirstOrDefault(a => a.AgentId == agentId)
            ?? throw new CliNotFoundException($"studio '{studio.StudioId}' has no agent '{agentId}' (see `agents list`)");
        return profile.Kind == AgentKinds.LlmAgent
            ? studio.HostedAgent<ILlmAgentGrain>(agentId)
            : throw new CliNotFoundException($"{agentId} is a {profile.Kind}: only {AgentKinds.LlmAgent} agents have a model's reactions (`agents show {agentId}`)");
    }
}
