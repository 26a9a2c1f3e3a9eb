#!/usr/bin/env python3
"""Writes the process-mining samples of examples/logs: helpdesk.xes, receipts.csv and fines.csv.

Deterministic (a fixed seed per log): running it again gives the same bytes. Each log comes from a
small discrete-event simulation whose answer is known, so the verdict Find-Constraint gives on it can
be checked against what made it:

- helpdesk.xes: tickets arrive at 0.6 a day for 100 days and wait for one of 2 agents, each taking
  3 days a ticket on average (gamma, cv 0.8): the agents are 90 % loaded and their queue grows, so
  Resolution is the constraint. Before an agent takes a ticket in charge, a third of the tickets wait
  for the customer (Wait, 4 days); after resolution the customer takes 2 days to confirm (Closed).
  Completion events only, Europe/Rome time (+01:00 and +02:00 across 25 October).

Each log holds closed cases only, as process-mining exports usually do: read as an event log, a case
ends in (end) after its last event, so a case cut short by the export would look finished.
- receipts.csv: receipts arrive at 0.8 a working day, go through five steps of minutes to hours, each
  with one clerk picking work up within a few hours; one in eight Determinations sends the receipt back
  to the Check. No step is more than about a third loaded: the flow is limited by demand. Lifecycle
  start/complete, Europe/Amsterdam time across the change to summer time on 29 March.
- fines.csv: road-traffic fines, date only. Most of a fine's life is statutory and postal waiting
  (mailing, notification, the 60-day penalty period, waiting for payment), which no team's capacity
  limits; the back office sending fines is lightly loaded. Unpaid fines go to credit collection.
"""
import heapq
import io
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent


def gamma(rng, mean, cv):
    shape = 1 / (cv * cv)
    return rng.gammavariate(shape, mean / shape)


class Pool:
    """Servers of one step, FIFO: a case is served by the first server free after it is ready."""

    def __init__(self, servers):
        self.free = [0.0] * servers

    def serve(self, ready, duration):
        heapq.heapify(self.free)
        free = heapq.heappop(self.free)
        start = max(ready, free)
        heapq.heappush(self.free, start + duration)
        return start, start + duration


def simulate(cases, steps_of, pools):
    """Runs the cases through their steps in time order: each step is (activity, pool or None, duration,
    pickup). A pooled step waits for a server (and the pickup delay); one without a pool is a delay. Returns
    per case a list of (activity, ready, start, complete) in days."""
    heap = [(arrival, i, 0, None) for i, arrival in enumerate(cases)]
    heapq.heapify(heap)
    done = {i: [] for i in range(len(cases))}
    plans = {}
    while heap:
        ready, i, k, _ = heapq.heappop(heap)
        plan = plans.setdefault(i, steps_of(i))
        if k >= len(plan):
            continue
        activity, pool, duration, pickup = plan[k]
        if pool is None:
            start, complete = ready, ready + duration
        else:
            start, complete = pools[pool].serve(ready + pickup, duration)
        done[i].append((activity, ready, start, complete))
        heapq.heappush(heap, (complete, i, k + 1, None))
    return done


def local(zone, start, days):
    return (start + timedelta(days=days)).astimezone(zone)


def helpdesk():
    rng = random.Random(13)
    rome = ZoneInfo("Europe/Rome")
    start = datetime(2026, 9, 1, 8, 0, tzinfo=rome)
    arrivals, t = [], 0.0
    while True:
        t += rng.expovariate(0.6)
        if t > 100:
            break
        arrivals.append(t)

    def steps(i):
        plan = [("Assign seriousness", None, 0.0, 0.0)]
        if rng.random() < 1 / 3:
            plan.append(("Wait", None, gamma(rng, 4.0, 0.7), 0.0))
        plan.append(("Resolution", "agents", gamma(rng, 3.0, 0.8), 0.0))
        plan.append(("Closed", None, gamma(rng, 2.0, 0.5), 0.0))
        return plan

    runs = simulate(arrivals, steps, {"agents": Pool(2)})
    resources = ["Value 1", "Value 2", "Value 3", "Value 4", "Value 5"]
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    out.write('<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">\n')
    for name, prefix in (("Concept", "concept"), ("Time", "time"), ("Lifecycle", "lifecycle"), ("Organizational", "org")):
        out.write(f'  <extension name="{name}" prefix="{prefix}" uri="http://www.xes-standard.org/{prefix}.xesext"/>\n')
    out.write('  <global scope="trace">\n    <string key="concept:name" value="__INVALID__"/>\n  </global>\n')
    out.write('  <global scope="event">\n    <string key="concept:name" value="__INVALID__"/>\n    <string key="lifecycle:transition" value="complete"/>\n  </global>\n')
    out.write('  <classifier name="Activity" keys="concept:name"/>\n')
    out.write('  <string key="concept:name" value="Helpdesk tickets, September to December 2026"/>\n')
    for i, run in sorted(runs.items()):
        events = []
        for activity, ready, begin, complete in run:
            if activity == "Resolution":
                events.append(("Take in charge ticket", begin))
                events.append(("Resolve ticket", complete))
            else:
                events.append((activity, complete))
        out.write(f'  <trace>\n    <string key="concept:name" value="Case {i + 1}"/>\n')
        out.write(f'    <string key="seriousness" value="{rng.choice(["Value 1", "Value 2", "Value 3"])}"/>\n')
        for activity, at in events:
            stamp = local(rome, start, at).isoformat(timespec="milliseconds")
            out.write('    <event>\n')
            out.write(f'      <string key="concept:name" value="{activity}"/>\n')
            out.write(f'      <string key="org:resource" value="{rng.choice(resources)}"/>\n')
            out.write('      <string key="lifecycle:transition" value="complete"/>\n')
            out.write(f'      <date key="time:timestamp" value="{stamp}"/>\n')
            out.write('    </event>\n')
        out.write('  </trace>\n')
    out.write('</log>\n')
    (HERE / "helpdesk.xes").write_text(out.getvalue(), encoding="utf-8", newline="\n")


def working_days(rng, count, first):
    """Arrival times in days, on working days between 8:00 and 17:00."""
    times, day = [], first
    while len(times) < count:
        if (datetime(2026, 1, 1) + timedelta(days=day)).weekday() < 5:
            for _ in range(sum(1 for _ in range(3) if rng.random() < 0.8 / 3)):
                times.append(day + (8 + rng.random() * 9) / 24)
        day += 1
    return times[:count]


def receipts():
    rng = random.Random(29)
    amsterdam = ZoneInfo("Europe/Amsterdam")
    start = datetime(2026, 1, 1, 0, 0, tzinfo=amsterdam)
    arrivals = working_days(rng, 64, 46)  # from 16 February
    hours = 1 / 24

    def pickup():
        return rng.expovariate(1 / (3 * hours))

    def steps(i):
        plan = [("Confirmation of receipt", "registration", gamma(rng, 20 / 60 * hours, 0.6), 0.0),
                ("T02 Check confirmation of receipt", "check", gamma(rng, 2 * hours, 0.8), pickup()),
                ("T04 Determine confirmation of receipt", "determination", gamma(rng, 4 * hours, 0.9), pickup())]
        if rng.random() < 1 / 8:
            plan += [("T02 Check confirmation of receipt", "check", gamma(rng, 1.5 * hours, 0.8), pickup()),
                     ("T04 Determine confirmation of receipt", "determination", gamma(rng, 3 * hours, 0.9), pickup())]
        plan += [("T05 Print and send confirmation of receipt", "dispatch", gamma(rng, 1 * hours, 0.5), pickup()),
                 ("T06 Determine necessity of stop advice", "advice", gamma(rng, 5 * hours, 1.0), pickup())]
        return plan

    pools = {name: Pool(1) for name in ("registration", "check", "determination", "dispatch", "advice")}
    runs = simulate(arrivals, steps, pools)
    resources = ["Resource01", "Resource02", "Resource03", "Resource04", "Resource05", "Resource06"]
    lines = ["case:concept:name,concept:name,lifecycle:transition,time:timestamp,org:resource"]
    for i, run in sorted(runs.items()):
        case = f"case-{10000 + 17 * i}"
        resource = rng.choice(resources)
        for activity, ready, begin, complete in run:
            for transition, at in (("start", begin), ("complete", complete)):
                stamp = local(amsterdam, start, at).isoformat(timespec="milliseconds")
                lines.append(f"{case},{activity},{transition},{stamp},{resource}")
    (HERE / "receipts.csv").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def fines():
    rng = random.Random(11)
    start = datetime(2025, 1, 1)
    arrivals = sorted(rng.uniform(0, 180) for _ in range(70))

    def steps(i):
        plan = [("Create Fine", None, 0.0, 0.0)]
        if rng.random() < 0.35:
            return plan + [("Payment", None, gamma(rng, 12, 0.6), 0.0)]
        plan.append(("Send Fine", "office", gamma(rng, 0.4, 0.5), rng.uniform(60, 120)))
        plan.append(("Insert Fine Notification", None, gamma(rng, 14, 0.4), 0.0))
        plan.append(("Add penalty", None, 60 + rng.uniform(0, 3), 0.0))
        if rng.random() < 0.55:
            plan.append(("Payment", None, gamma(rng, 40, 0.8), 0.0))
        else:
            plan.append(("Send for Credit Collection", None, 300 + rng.uniform(0, 120), 0.0))
        return plan

    runs = simulate(arrivals, steps, {"office": Pool(1)})
    lines = ["case_id,activity,timestamp,amount"]
    for i, run in sorted(runs.items()):
        case = f"A{1000 + 7 * i}"
        amount = rng.choice(["35.00", "36.00", "38.00", "65.00", "131.00"])
        for activity, ready, begin, complete in run:
            lines.append(f"{case},{activity},{(start + timedelta(days=complete)).date().isoformat()},{amount}")
    (HERE / "fines.csv").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


if __name__ == "__main__":
    helpdesk()
    receipts()
    fines()
