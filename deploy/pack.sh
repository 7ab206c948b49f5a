#!/usr/bin/env bash
# Packs what agent developers and operators install: the libraries (Contracts, ServiceDefaults, Client, Functions, Client.AI,
# AzureStorage, Grains for hosted kinds, Notifications, LlmAgents and Simulation for scenario tests) and the CLI as a .NET tool, with symbols.
#   deploy/pack.sh OUT_DIR [VERSION_SUFFIX]     (expects a Release build; CI: artifacts/packages)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:?usage: deploy/pack.sh OUT_DIR [VERSION_SUFFIX]}"
suffix="${2:-}"
configuration="${CONFIGURATION:-Release}"
for project in Grains.Interfaces/Orchestration.Grains.Interfaces.csproj \
               Hosting/Orchestration.ServiceDefaults/Orchestration.ServiceDefaults.csproj \
               Hosting/Orchestration.AzureStorage/Orchestration.AzureStorage.csproj \
               Client/Orchestration.Client/Orchestration.Client.csproj \
               Functions/Orchestration.Functions.csproj \
               Client/Orchestration.Client.AI/Orchestration.Client.AI.csproj \
               Grains/Orchestration.Grains.csproj \
               Notifications/Orchestration.Notifications.csproj \
               LlmAgents/Orchestration.LlmAgents.csproj \
               Simulation/Orchestration.Simulation.csproj \
               Client/Orchestration.Cli/Orchestration.Cli.csproj; do
  dotnet pack "$root/$project" -c "$configuration" --no-build --nologo -v quiet -o "$out" ${suffix:+--version-suffix "$suffix"}
done
