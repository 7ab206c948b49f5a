#!/usr/bin/env python3
"""An Experiment Tracker agent in Python, on the Studio Producer's HTTP API, with the standard library only.

It registers with its credential, declares its experiment, reports a blocker, then follows its inbox over
Server-Sent Events — resuming after the last event id if the connection drops — and applies every decision it is
part of: each action item's new dates (or dropped dependency) declared on its work item, then the decision
acknowledged. The Producer checks that what an agent acknowledges shows in its work items. Run it against a silo (dotnet run --project Silo) with a token an operator issued:

    orchestration credentials issue --subject py-tracker --role agent --by olivia
    python3 samples/python-agent/agent.py --url http://127.0.0.1:8080 --studio default --token orch.…

Each thing it does is printed as one line, "<what> <details>", so a person or a test can follow it.
"""
import argparse
import datetime
import json
import os
import sys
import time
import urllib.error
import urllib.request
import uuid


class Studio:
    """The HTTP API of one studio, as one agent: every request carries the agent's bearer token."""

    def __init__(self, url, studio, token):
        self.base = f"{url.rstrip('/')}/v1/studios/{studio}"
        self.token = token

    def request(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            # Refusals are RFC 9457 problem details: the field at fault and the reason.
            problem = json.loads(error.read().decode() or "{}")
            raise SystemExit(f"refused {error.code} {problem.get('field')}: {problem.get('reason')}")

    def events(self, path, last_event_id=None):
        """Yields (event id, event type, data) from a Server-Sent Events feed, reconnecting after the last id seen."""
        while True:
            request = urllib.request.Request(self.base + path)
            request.add_header("Authorization", f"Bearer {self.token}")
            request.add_header("Accept", "text/event-stream")
            if last_event_id is not None:
                request.add_header("Last-Event-ID", last_event_id)
            try:
                with urllib.request.urlopen(request, timeout=60) as stream:
                    event, data, event_id = None, [], None
                    for raw in stream:
                        line = raw.decode().rstrip("\r\n")
                        if line == "":
                            if data:
                                last_event_id = event_id or last_event_id
                                yield last_event_id, event, json.loads("\n".join(data))
                            event, data, event_id = None, [], None
                        elif line.startswith("event:"):
                            event = line[6:].strip()
                        elif line.startswith("data:"):
                            data.append(line[5:].lstrip())
                        elif line.startswith("id:"):
                            event_id = line[3:].strip()
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                print(f"reconnecting after {last_event_id}: {error}", flush=True)
                time.sleep(1)


def apply(studio, action):
    """Applies one action item to this agent's work item: its new dates, a descoped dependency dropped, declared again."""
    item = studio.request("GET", f"/work/{action['itemId']}")
    applied = dict(item)
    if action.get("newStart"):
        applied["start"] = action["newStart"]
    if action.get("newEnd"):
        applied["end"] = action["newEnd"]
    if action["action"] == "descope":
        applied["dependsOn"] = [d for d in item["dependsOn"] if d["itemId"] != action.get("dropDependencyOn")]
    if applied != item:
        studio.request("POST", "/work", {"item": applied, "reason": f"applying {action['actionItemId']}: {action['instruction']}"})
    print(f"applied {action['actionItemId']} {action['itemId']} {applied['start']} {applied['end']}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("ORCH_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--studio", default=os.environ.get("ORCH_STUDIO", "default"))
    parser.add_argument("--token", default=os.environ.get("ORCH_TOKEN"))
    parser.add_argument("--experiment", default="exp-python", help="the experiment this tracker runs")
    parser.add_argument("--days", type=int, default=21, help="how long the experiment runs from today")
    parser.add_argument("--today", default=datetime.date.today().isoformat(), help="the studio's today (YYYY-MM-DD)")
    parser.add_argument("--decisions", type=int, default=1, help="exit after acknowledging this many decisions (0: run forever)")
    args = parser.parse_args()
    if not args.token:
        raise SystemExit("a token is required: --token or ORCH_TOKEN")

    studio = Studio(args.url, args.studio, args.token)
    me = studio.request("GET", "/me")
    agent_id = me["subject"]
    print(f"authenticated {agent_id} ({me['role']}) in {me['studioId']}", flush=True)

    registered = studio.request("POST", "/agents", {"kind": "experiment-tracker", "displayName": "Python tracker", "capacity": 2})
    print(f"registered {registered['agent']['agentId']} {registered['agent']['hosting']}", flush=True)

    start = datetime.date.fromisoformat(args.today)
    studio.request("POST", "/work", {
        "item": {"itemId": args.experiment, "kind": "experiment", "projectId": "checkout", "title": "Green CTA",
                 "start": start.isoformat(), "end": (start + datetime.timedelta(days=args.days)).isoformat(),
                 "dependsOn": [], "revenueAtStake": 200000, "sampleSizeNeeded": 10000},
        "reason": "planned"})
    print(f"declared {args.experiment} until {(start + datetime.timedelta(days=args.days)).isoformat()}", flush=True)

    # The same report id on a retry is applied once: make it once, before the first attempt.
    report_id = f"blk-{uuid.uuid4().hex[:12]}"
    receipt = studio.request("POST", "/reports/blockers", {
        "reportId": report_id, "projectId": "checkout", "summary": "Traffic is too low to reach the sample",
        "blocks": args.experiment, "impact": "The result comes late", "severity": "medium", "owner": "producer"})
    print(f"reported {receipt['reportId']} duplicate={receipt['wasDuplicate']}", flush=True)

    acknowledged = 0
    for event_id, kind, message in studio.events(f"/agents/{agent_id}/inbox"):
        print(f"received {event_id} {kind} {message['summary']}", flush=True)
        if kind == "DecisionIssued":
            decision = message["decision"]
            for action in message["actionItems"]:
                apply(studio, action)
            studio.request("POST", f"/conflicts/{message['conflictId']}/acknowledge", {"decisionId": decision["decisionId"]})
            acknowledged += 1
            print(f"acknowledged {message['conflictId']} {decision['chosenOptionId']}", flush=True)
            if args.decisions and acknowledged >= args.decisions:
                return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
