#!/usr/bin/env python3
"""Capture REST 1.0 responses from a site-configured RT (scripts/rt-live.sh with RT_LIVE_SITE=1).

Usage: corpus/capture_site.py <base-url> <out-dir> <rt-major-version>

The instance runs in the time zone Europe/Berlin under the WebPath /rt, with a custom
lifecycle `support` (statuses `waiting on customer`, `geprüft`). corpus/setup-site.pl creates
the queue Support and one user per language (de, ja, ru) and per DateTimeFormat preference;
each user sees dates in their own zone, format and language, and RT's messages in their
language. The manifest has the same form as corpus/capture.py's; `expect` holds what this
script knows without a parser: the dates it set, converted to each user's zone, and the
user's language, format and zone, and the same instants in UTC. Python 3 standard library
only.
"""
import datetime
import os
import subprocess
import sys
import zoneinfo

import capture
from capture import Capture, form

SITE_ZONE = "Europe/Berlin"
PASS = "password"
# Starts and Due as anna (zone Europe/Berlin) sends them.
STARTS = "2026-12-24 10:00:00"
DUE = "2027-01-05 17:30:00"
TEXT = "Grüße aus Berlin\n  eingerückt\n"


def in_zone(local, zone):
    """`local` (anna's zone, the site's) as the wall-clock time in `zone`."""
    t = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=zoneinfo.ZoneInfo(SITE_ZONE))
    return t.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M:%S")


def utc(local):
    """`local` (anna's zone, the site's) as the UTC instant."""
    t = datetime.datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(
        tzinfo=zoneinfo.ZoneInfo(SITE_ZONE))
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def setup():
    """Runs corpus/setup-site.pl against the instance; returns its users."""
    env = dict(os.environ, RT_LIVE_SITE="1")
    lines = subprocess.run([os.path.join(capture.ROOT, "scripts", "rt-live.sh"), "env", capture.RTVER],
                           check=True, capture_output=True, text=True, env=env).stdout.splitlines()
    for line in lines:
        k, v = line.split("=", 1)
        env[k] = v
    out = subprocess.run(["perl", "-I" + env["RT_LIB"], os.path.join(capture.HERE, "setup-site.pl")],
                         env=env, check=True, capture_output=True).stdout.decode()
    users = []
    for line in out.splitlines():
        kind, name, _oid, details = line.split("\t")
        if kind == "user":
            lang, fmt, zone = details.split(" ", 2)
            users.append({"name": name, "lang": lang, "date_format": fmt,
                          "zone": SITE_ZONE if zone == "site zone" else zone})
    return users


def main():
    c = Capture()
    users = setup()
    by_name = {u["name"]: u for u in users}

    def as_user(name):
        return (name, PASS)

    def who(name):
        u = by_name[name]
        return {"user": name, "lang": u["lang"], "date_format": u["date_format"], "zone": u["zone"]}

    c.cap("root-webpath", "GET <WebPath>/REST/1.0/ as anna", "", auth=as_user("anna"),
          expect={"rt_code": 200})
    c.cap("wrong-password-webpath", "wrong password under the WebPath: 401", "ticket/1",
          auth=("anna", "wrong-password"), expect={"rt_code": 401})

    # ---- writes by users of several languages ------------------------------------------------
    body = c.cap("create-de", "anna (de) creates a ticket in Support (lifecycle support)", "ticket/new",
                 content=form(("id", "ticket/new"), ("Queue", "Support"), ("Subject", "Grüße"),
                              ("Requestor", "kunde@example.com"), ("Starts", STARTS), ("Due", DUE),
                              ("Text", TEXT)),
                 auth=as_user("anna"),
                 expect={"rt_code": 200, "created_ticket_id": 1, "subject": "Grüße", **who("anna")})
    tid = capture.created_id(body)
    if tid != 1:
        print("NOTE: expected ticket 1, got %r" % body[:200], file=sys.stderr)
    t = "ticket/%d" % tid
    c.cap("edit-status-space", "anna sets the custom status 'waiting on customer'", t + "/edit",
          content=form(("Status", "waiting on customer")), auth=as_user("anna"),
          expect={"rt_code": 200, "status": "waiting on customer", **who("anna")})
    c.cap("edit-status-non-ascii", "yuki (ja) sets the custom status 'geprüft'", t + "/edit",
          content=form(("Status", "geprüft")), auth=as_user("yuki"),
          expect={"rt_code": 200, "status": "geprüft", **who("yuki")})
    c.cap("edit-status-not-in-lifecycle", "anna sets 'stalled', which lifecycle support lacks",
          t + "/edit", content=form(("Status", "stalled")), auth=as_user("anna"),
          expect={"rt_code": 409, **who("anna")})
    c.cap("edit-bad-owner-de", "anna sets an owner that does not exist (translated field error)",
          t + "/edit", content=form(("Owner", "niemand-hier")), auth=as_user("anna"),
          expect={"rt_code": 409, **who("anna")})
    c.cap("edit-bad-owner-ja", "yuki sets an owner that does not exist (translated field error)",
          t + "/edit", content=form(("Owner", "niemand-hier")), auth=as_user("yuki"),
          expect={"rt_code": 409, **who("yuki")})
    c.cap("comment-de", "anna comments", t + "/comment",
          content=form(("id", str(tid)), ("Action", "comment"), ("Text", "Ein Kommentar")),
          auth=as_user("anna"), expect={"rt_code": 200, **who("anna")})
    c.cap("correspond-ru", "ivan (ru) replies", t + "/comment",
          content=form(("id", str(tid)), ("Action", "correspond"), ("Text", "Ответ")),
          auth=as_user("ivan"), expect={"rt_code": 200, **who("ivan")})
    c.cap("comment-missing-ticket-ja", "yuki comments on a ticket that does not exist",
          "ticket/999/comment", content=form(("id", "999"), ("Action", "comment"), ("Text", "x")),
          auth=as_user("yuki"), expect={"rt_code": 400, **who("yuki")})
    g = capture.created_id(c.cap(
        "create-general-ru", "ivan creates a ticket in General (stock lifecycle)", "ticket/new",
        content=form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "Привет")),
        auth=as_user("ivan"),
        expect={"rt_code": 200, "created_ticket_id": 2, "subject": "Привет", **who("ivan")}))
    for name, status in (("anna", "open"), ("ivan", "stalled"), ("yuki", "resolved")):
        c.cap("edit-stock-status-" + by_name[name]["lang"], "%s sets the stock status %s" % (name, status),
              "ticket/%d/edit" % g, content=form(("Status", status)), auth=as_user(name),
              expect={"rt_code": 200, "status": status, **who(name)})

    # ---- the ticket as every user sees it ----------------------------------------------------
    for u in users:
        dates = {"Starts": in_zone(STARTS, u["zone"]), "Due": in_zone(DUE, u["zone"]),
                 "Resolved": None}
        c.cap("show-" + u["name"].lower(), "ticket %d as %s (%s, %s, %s)"
              % (tid, u["name"], u["lang"], u["date_format"], u["zone"]), t + "/show",
              auth=as_user(u["name"]),
              expect={"rt_code": 200, "id": t, "subject": "Grüße", "status": "geprüft",
                      "queue": "Support", "dates": dates,
                      "dates_utc": {"Starts": utc(STARTS), "Due": utc(DUE)}, **who(u["name"])})
    for name in ("anna", "yuki", "ivan", "en-ISO"):
        lang = by_name[name]["lang"]
        c.cap("history-%s-%s" % (lang, name.lower()), "history of ticket %d as %s" % (tid, name),
              t + "/history", auth=as_user(name), expect={"rt_code": 200, **who(name)})
        c.cap("history-long-%s-%s" % (lang, name.lower()), "long history of ticket %d as %s" % (tid, name),
              t + "/history", query=[("format", "l")], auth=as_user(name),
              expect={"rt_code": 200, **who(name)})
        c.cap("history-general-%s-%s" % (lang, name.lower()),
              "history of ticket %d (stock statuses) as %s" % (g, name),
              "ticket/%d/history" % g, auth=as_user(name), expect={"rt_code": 200, **who(name)})
    for name in ("anna", "yuki"):
        c.cap("search-l-" + name, "search/ticket format=l in Support as " + name, "search/ticket",
              query=[("query", "Queue = 'Support'"), ("format", "l")], auth=as_user(name),
              expect={"rt_code": 200, **who(name)})
        c.cap("search-status-" + name, "search/ticket Status = 'waiting on customer' as " + name,
              "search/ticket", query=[("query", "Status = 'waiting on customer'")],
              auth=as_user(name), expect={"rt_code": 200, **who(name)})
    c.cap("attachments-de", "attachment list of ticket %d as anna" % tid, t + "/attachments",
          auth=as_user("anna"), expect={"rt_code": 200, **who("anna")})
    c.cap("user-anna", "user/anna as anna", "user/anna", auth=as_user("anna"),
          expect={"rt_code": 200, **who("anna")})
    c.cap("queue-support", "queue/Support as yuki", "queue/Support", auth=as_user("yuki"),
          expect={"rt_code": 200, **who("yuki")})

    c.write({"site": {"time_zone": SITE_ZONE, "web_path": "/rt",
                      "lifecycle": {"name": "support", "queue": "Support",
                                    "statuses": ["new", "open", "waiting on customer", "geprüft",
                                                 "resolved", "rejected", "deleted"]},
                      "users": users},
             "tickets": {"support": tid, "general": g},
             "sent": {"Starts": STARTS, "Due": DUE, "zone_of_sent_dates": SITE_ZONE}})
    print("captured %d files into %s" % (c.n, capture.OUT), file=sys.stderr)


if __name__ == "__main__":
    capture.BASE, capture.OUT, capture.RTVER = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    main()
