#!/usr/bin/env python3
"""Capture REST 1.0 responses from a live, freshly created RT instance.

Usage: corpus/capture.py <base-url> <out-dir> <rt-major-version>

Every request sends user/pass as POST fields (multipart/form-data when files are uploaded).
Each response body is stored byte-exact as <out-dir>/<NNN>-<name>.rt; <out-dir>/manifest.json
records the request and the facts this script knows independently of any parser ("expect").
Python 3 standard library only.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
USER, PASS = "root", "password"


def sha(b):
    return hashlib.sha256(b).hexdigest()


def fileinfo(f):
    field, name, ctype, data = f
    return {"field": field, "name": name, "content_type": ctype, "size": len(data), "sha256": sha(data)}


# --- request-side form encoding (spec §13.4 / §13.5) -----------------------------------------

def value_lines(key, value):
    """Encode one field. Multi-line values (or values with leading whitespace) use the exact
    encoding of §13.4: `Key:` then every line of the value as a continuation line ' ' + line."""
    if "\n" in value or value[:1].isspace():
        return key + ":\n" + "".join(" " + line + "\n" for line in value.split("\n"))
    return key + ": " + value + "\n"


def form(*pairs):
    return "".join(value_lines(k, v) for k, v in pairs)


# --- HTTP --------------------------------------------------------------------------------------

def multipart(fields, files):
    boundary = "rtWireCaptureBoundary7MA4YWxkTrZu0gW"
    out = bytearray()
    for k, v in fields:
        out += b"--" + boundary.encode() + b"\r\n"
        out += ('Content-Disposition: form-data; name="%s"\r\n\r\n' % k).encode()
        out += v.encode("utf-8") + b"\r\n"
    for field, name, ctype, data in files:
        out += b"--" + boundary.encode() + b"\r\n"
        out += ('Content-Disposition: form-data; name="%s"; filename="%s"\r\n' % (field, name)).encode("utf-8")
        out += ("Content-Type: %s\r\n\r\n" % ctype).encode()
        out += data + b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return bytes(out), "multipart/form-data; boundary=" + boundary


class Capture:
    def __init__(self):
        self.n = 0
        self.entries = []
        os.makedirs(OUT, exist_ok=True)
        for f in os.listdir(OUT):
            if f.endswith(".rt") or f == "manifest.json":
                os.unlink(os.path.join(OUT, f))

    def raw(self, path, query=None, content=None, files=None, auth="root"):
        """Perform one POST; returns (http_status, content_type, body bytes)."""
        fields = []
        if auth == "root":
            fields += [("user", USER), ("pass", PASS)]
        elif isinstance(auth, tuple):
            fields += [("user", auth[0]), ("pass", auth[1])]
        elif auth == "wrong":
            fields += [("user", USER), ("pass", "wrong-password")]
        if content is not None:
            fields.append(("content", content))
        url = BASE + "/REST/1.0/" + urllib.parse.quote(path, safe="/,{}@")
        if query:
            url += "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="/,")
        if files:
            data, ctype = multipart(fields, files)
        else:
            data = urllib.parse.urlencode(fields, quote_via=urllib.parse.quote).encode()
            ctype = "application/x-www-form-urlencoded"
        req = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": ctype})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers.get("Content-Type"), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type"), e.read()

    def cap(self, name, desc, path, query=None, content=None, files=None, auth="root", expect=None):
        status, ctype, body = self.raw(path, query, content, files, auth)
        self.n += 1
        fname = "%03d-%s.rt" % (self.n, name)
        with open(os.path.join(OUT, fname), "wb") as fh:
            fh.write(body)
        exp = dict(expect or {})
        m = re.match(rb"RT/\S+ (\d{3}) ", body)
        got = int(m.group(1)) if m else None
        if "rt_code" in exp and exp["rt_code"] != got:
            print("NOTE %s: expected RT code %r, got %r" % (fname, exp["rt_code"], got), file=sys.stderr)
        if "body_kind" in exp:
            kind = "empty" if body == b"" else ("envelope" if body.startswith(b"RT/") else "error-text")
            if exp["body_kind"] != kind:
                print("NOTE %s: expected body kind %s, got %s" % (fname, exp["body_kind"], kind), file=sys.stderr)
        self.entries.append({
            "file": fname,
            "description": desc,
            "request": {
                "method": "POST",
                "path": "/REST/1.0/" + path,
                "query": [[k, v] for k, v in (query or [])],
                "auth": auth_text(auth),
                "content": content,
                "files": [fileinfo(f) for f in (files or [])],
            },
            "response": {"http_status": status, "content_type": ctype, "size": len(body), "sha256": sha(body)},
            "expect": exp,
        })
        print("%s %3d %6d  %s" % (fname, status, len(body), desc), file=sys.stderr)
        return body

    def write(self, extra):
        man = {"rt_version_major": RTVER, "base_url": BASE, "generator": "corpus/capture.sh",
               "notes": extra, "captures": self.entries}
        with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(man, fh, ensure_ascii=False, indent=1)
            fh.write("\n")


def auth_text(auth):
    """How a capture authenticated, for the manifest."""
    if isinstance(auth, tuple):
        return "user=%s, pass=%s (POST fields)" % auth
    return {"root": "user=root, pass=password (POST fields)",
            "wrong": "user=root, pass=wrong-password (POST fields)",
            "none": "no credentials"}[auth]


def created_id(body):
    m = re.search(rb"# Ticket (\d+) created\.", body)
    return int(m.group(1)) if m else None


# --- data ----------------------------------------------------------------------------------------

TEXT = ("Line one\n"
        "  indented line two\n"
        "\n"
        "line after blank\n"
        "trailing spaces   \n"
        "-- \n"
        "sig\n"
        "# not a comment\n"
        "Key: looks like field\n"
        "--\n"
        "ünïcode ☃ 日本語\n"
        "end\n"
        "\n"
        "\n")
SUBJECT3 = "Multi-line test ünïcode ☃ 日本語"
REQUESTORS = ["alice@example.com", "bob@example.com", "carol@example.com",
              "user3@example.com", "user4@example.com", "dave.long.address@example.org"]
CCS = ["user5@example.com"]
ADMINCCS = ["boss@example.net", "second.boss@example.net"]
NOTES = "note line 1\nnote line 2\n\n  indented note\n# hash line\n--\nlast"
ROOT_DEPTS = ["Sales", "R&D ünï", "Support, Level 2"]  # set by setup-rt.pl
QUEUE_NOTE = "queue note ✓"  # set by setup-rt.pl
MULTI = ["alpha", "beta,gamma", "it's", "back\\slash", 'say "hi", twice']


def cf_list(values):
    """Multi-value CF list for a request: quote items containing ',' as '...' (escape \\ and ')."""
    out = []
    for v in values:
        if "," in v:
            out.append("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'")
        else:
            out.append(v)
    return ", ".join(out)


F_NOTE = ("attachment_1", "note.txt", "text/plain", b"first line\nsecond line\n\n\n")
F_BIN = ("attachment_2", "bin.dat", "application/octet-stream", bytes(range(256)))
F_UNI = ("attachment_3", "ünïcode-名前.txt", "text/plain", "unicode content ✓ ünï\n".encode())
F_NOEOL = ("attachment_4", "noeol.txt", "text/plain", b"no final newline")
F_EMPTY = ("attachment_1", "empty.txt", "text/plain", b"")
F_ZERO = ("attachment_2", "zero.txt", "text/plain", b"0")
F_COMMA = ("attachment_1", "a, b.txt", "text/plain", b"comma file\n")
F_LATIN = ("attachment_1", "latin1.txt", "text/plain; charset=iso-8859-1", "café crème\n".encode("latin-1"))
F_BIG = ("attachment_2", "big.txt", "text/plain", (b"0123456789abcdef" * 96)[:1535] + b"\n")
F_HTMLA = ("attachment_1", "page.html", "text/html", b"<html><body><p>attached page</p></body></html>\n")


def main():
    c = Capture()
    notes = {}

    # Custom fields and a group through RT's Perl API (private config from rt-live.sh env).
    env = dict(os.environ)
    lines = subprocess.run([os.path.join(ROOT, "scripts", "rt-live.sh"), "env", RTVER],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    for line in lines:
        k, v = line.split("=", 1)
        env[k] = v
    out = subprocess.run(["perl", "-I" + env["RT_LIB"], os.path.join(HERE, "setup-rt.pl")],
                         env=env, check=True, capture_output=True).stdout.decode()
    objs = {}
    for line in out.splitlines():
        kind, name, oid = line.split("\t")
        objs[(kind, name)] = int(oid)
    notes["perl_setup"] = {"%s %s" % k: v for k, v in objs.items()}
    gid = objs[("group", "Staff Ünï")]
    cf_braces = objs[("cf", "Braces {x} (y)")]

    # ---- root, auth, logout -------------------------------------------------------------------
    c.cap("root", "GET /REST/1.0/ itself (default response)", "", expect={"rt_code": 200})
    c.cap("no-credentials", "no credentials: 401 without payload", "ticket/1", auth="none",
          expect={"rt_code": 401})
    c.cap("wrong-password", "wrong password: 401 with message", "ticket/1", auth="wrong",
          expect={"rt_code": 401})

    # ---- templates ----------------------------------------------------------------------------
    c.cap("ticket-new-template", "ticket/new template (read)", "ticket/new", expect={"rt_code": 200})
    c.cap("user-new-template", "user/new template", "user/new", expect={"rt_code": 200})
    c.cap("queue-new-template", "queue/new template", "queue/new", expect={"rt_code": 200})
    c.cap("group-new-template", "group/new template", "group/new", expect={"rt_code": 200})

    # ---- ticket creation ----------------------------------------------------------------------
    tid = 0

    def create(name, desc, content, files=None, expect=None, created=True):
        nonlocal tid
        exp = dict(expect or {})
        if created:
            tid += 1
            exp.setdefault("created_ticket_id", tid)
        body = c.cap(name, desc, "ticket/new", content=content, files=files, expect=exp)
        if created and created_id(body) != tid:
            print("NOTE: expected ticket %d, response %r" % (tid, body[:200]), file=sys.stderr)
        return tid

    t1 = create("ticket-create-simple", "create ticket 'hello' (no text)",
                form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "hello")),
                expect={"rt_code": 200, "subject": "hello", "queue": "General"})
    t2 = create("ticket-create-second", "create second ticket with one-line Text",
                form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "second ticket"),
                     ("Requestor", "alice@example.com"), ("Text", "short body")),
                expect={"rt_code": 200, "subject": "second ticket", "requestors": ["alice@example.com"],
                        "text": "short body"})
    files3 = [F_NOTE, F_BIN, F_UNI, F_NOEOL]
    content3 = form(("id", "ticket/new"), ("Queue", "General"), ("Subject", SUBJECT3),
                    ("Requestor", ", ".join(REQUESTORS)), ("Cc", ", ".join(CCS)),
                    ("AdminCc", ", ".join(ADMINCCS)),
                    ("Priority", "7"), ("TimeEstimated", "90"), ("Due", "2030-12-24 10:00:00"),
                    ("CF.{Single Line}", "hello world"),
                    ("CF.{Multi Select}", cf_list(MULTI[:2])),
                    ("CF.{Notes Text}", NOTES),
                    ("CF.{Ünïcode Feld}", "wert ✓"),
                    ("Attachment", ", ".join(f[1] for f in files3)),
                    ("Text", TEXT))
    t3 = create("ticket-create-complex",
                "create ticket with unicode subject, watchers, CFs, multi-line Text, 4 attachments",
                content3, files=files3,
                expect={"rt_code": 200, "subject": SUBJECT3, "requestors": REQUESTORS, "cc": CCS,
                        "admincc": ADMINCCS, "priority": "7", "time_estimated_minutes": 90,
                        "due": "2030-12-24 10:00:00",
                        "cf": {"Single Line": "hello world", "Multi Select": MULTI[:2],
                               "Notes Text": NOTES, "Ünïcode Feld": "wert ✓"},
                        "text": TEXT,
                        "attachments": [{"name": f[1], "content_type": f[2], "size": len(f[3]),
                                         "sha256": sha(f[3])} for f in files3]})
    t4 = create("ticket-create-merge-target", "create ticket 'merge target'",
                form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "merge target")),
                expect={"rt_code": 200, "subject": "merge target"})
    t5 = create("ticket-create-merge-source", "create ticket 'merge source'",
                form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "merge source")),
                expect={"rt_code": 200, "subject": "merge source"})
    t6 = create("ticket-create-requestors-key",
                "create with Requestors (plural) and an unknown CF: created + updated + invalid CF comment",
                form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "plural requestors"),
                     ("Requestors", "zed@example.com"), ("CF.{Nope}", "x")),
                expect={"rt_code": 200, "subject": "plural requestors", "requestors": ["zed@example.com"]})
    create("ticket-create-unknown-field", "create with unknown field: 409, nothing created",
           form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "bogus"), ("Bogus", "1")),
           expect={"rt_code": 409, "unknown_fields": ["Bogus"]}, created=False)
    create("ticket-create-syntax-error", "create with '#' line after a field: 409 syntax error",
           "id: ticket/new\nQueue: General\nSubject: z\n# a comment after a field\nPriority: 3\n",
           expect={"rt_code": 409}, created=False)
    create("ticket-create-bad-queue", "create in a queue that does not exist: 200 + Could not create",
           form(("id", "ticket/new"), ("Queue", "No Such Queue"), ("Subject", "x")),
           expect={"rt_code": 200}, created=False)
    create("ticket-create-missing-upload", "create naming an attachment that is not uploaded",
           form(("id", "ticket/new"), ("Queue", "General"), ("Subject", "x"), ("Attachment", "missing.txt")),
           expect={"rt_code": 200}, created=False)

    # ---- ticket show ----------------------------------------------------------------------------
    c.cap("ticket-show-simple", "ticket/1 show", "ticket/%d" % t1, expect={"rt_code": 200, "id": "ticket/%d" % t1})
    c.cap("ticket-show-complex", "ticket/3/show with CFs, wrapped requestors, unicode",
          "ticket/%d/show" % t3, expect={"rt_code": 200, "id": "ticket/%d" % t3, "subject": SUBJECT3,
                                         "requestors": REQUESTORS, "cc": CCS, "admincc": ADMINCCS,
                                         "cf": {"Single Line": "hello world", "Multi Select": MULTI[:2],
                                                "Notes Text": NOTES, "Ünïcode Feld": "wert ✓"}})
    c.cap("show-two-ids", "show?id=ticket/1,2", "show", query=[("id", "ticket/%d,%d" % (t1, t2))],
          expect={"rt_code": 200, "ids": ["ticket/%d" % t1, "ticket/%d" % t2]})
    c.cap("show-range-missing-fields", "show?id=ticket/1-3,999&fields=Subject,Status",
          "show", query=[("id", "ticket/1-3,999"), ("fields", "Subject,Status")],
          expect={"rt_code": 200, "forms": 4, "missing_ticket": 999})
    c.cap("show-unknown-field", "ticket/1 with fields=Name,Subject (unknown name -> empty key line)",
          "ticket/%d/show" % t1, query=[("fields", "Name,Subject")],
          expect={"rt_code": 200, "subject": "hello"})
    c.cap("show-repeated-id", "show?id=ticket/2&id=ticket/1&fields=subject (repeated id params)",
          "show", query=[("id", "ticket/%d" % t2), ("id", "ticket/%d" % t1), ("fields", "subject")],
          expect={"rt_code": 200})
    c.cap("ticket-show-via-type-show", "ticket/show?id=1-2&fields=Subject,CF.{Multi Select}",
          "ticket/show", query=[("id", "1-2"), ("fields", "Subject,CF.{Multi Select}")], expect={})
    c.cap("show-bad-fields", "fields= with a space after the comma: 400",
          "ticket/%d" % t1, query=[("fields", "Subject, Status")], expect={"rt_code": 400})
    c.cap("show-bad-id", "show?id=ticket/abc,: invalid object ID 400", "show",
          query=[("id", "ticket/1,,x-")], expect={"rt_code": 400})
    c.cap("show-no-ids", "show without id: No objects specified", "show", expect={"rt_code": 400})
    c.cap("ticket-missing", "ticket/999 show: does not exist (200)", "ticket/999",
          expect={"rt_code": 200, "missing_ticket": 999})
    c.cap("invalid-object-spec", "ticket/1,2/show: invalid object specification", "ticket/1,2/show",
          expect={"rt_code": 200})
    c.cap("unknown-object-type", "foo/1: unknown object type", "foo/1", expect={"rt_code": 200})

    # ---- ticket edit ----------------------------------------------------------------------------
    c.cap("ticket-edit-priority", "edit ticket 3: Priority + CF multi + text CF",
          "ticket/%d/edit" % t3,
          content=form(("Priority", "11"), ("CF.{Multi Select}", cf_list(MULTI)),
                       ("CF.{Colon: Field}", "colon value"),
                       ("CF-%d" % cf_braces, "braces value")),
          expect={"rt_code": 200, "cf": {"Multi Select": MULTI, "Colon: Field": "colon value",
                                         "Braces {x} (y)": "braces value"}, "priority": "11"})
    c.cap("ticket-edit-noop", "no-op edit (same priority, no id key): empty body",
          "ticket/%d" % t3, content=form(("Priority", "11")), expect={"body_kind": "empty"})
    c.cap("ticket-edit-noop-with-id", "no-op edit with id key: still 'updated'",
          "ticket/%d" % t3, content=form(("id", "ticket/%d" % t3), ("Priority", "11")),
          expect={"rt_code": 200})
    c.cap("ticket-edit-unknown-field", "edit with unknown field + unknown CF + valid key: 409 partial",
          "ticket/%d" % t2, content=form(("Priority", "10"), ("Bogus", "x"), ("CF.{Nope}", "y")),
          expect={"rt_code": 409, "applied": {"priority": "10"}})
    c.cap("ticket-edit-syntax-error", "edit with '#' line after a field: 409 with >> echo",
          "ticket/%d" % t2, content="Priority: 11\n# a comment after a field\nSubject: z\n",
          expect={"rt_code": 409})
    c.cap("ticket-edit-missing", "edit ticket 999: 400", "ticket/999/edit",
          content=form(("Priority", "1")), expect={"rt_code": 400, "missing_ticket": 999})
    c.cap("ticket-edit-duplicate-key", "duplicate Subject key: may have only one value",
          "ticket/%d" % t2, content="Subject: a\nSubject: b\n", expect={"rt_code": 409})
    c.cap("ticket-edit-two-forms", "two forms to a single-object URL: 400", "ticket/%d" % t2,
          content="Priority: 1\n--\nPriority: 2\n", expect={"rt_code": 400})
    c.cap("ticket-edit-blank-content", "content of only blank lines: Perl error text",
          "ticket/%d" % t2, content="\n\n", expect={"body_kind": "error-text"})
    c.cap("ticket-edit-watchers", "edit Requestors/Cc (long list wraps on show)", "ticket/%d" % t2,
          content=form(("Requestors", ", ".join(REQUESTORS)), ("Cc", "cc1@example.com, cc2@example.com")),
          expect={"rt_code": 200, "requestors": REQUESTORS, "cc": ["cc1@example.com", "cc2@example.com"]})
    c.cap("ticket-edit-status-open", "status new -> open", "ticket/%d" % t2,
          content=form(("Status", "open")), expect={"rt_code": 200, "status": "open"})
    c.cap("ticket-edit-status-resolved", "status open -> resolved", "ticket/%d" % t2,
          content=form(("Status", "resolved")), expect={"rt_code": 200, "status": "resolved"})
    c.cap("ticket-edit-bad-status", "invalid status value: 409", "ticket/%d" % t2,
          content=form(("Status", "nonsense")), expect={"rt_code": 409})
    c.cap("ticket-show-after-edit", "ticket/2 after edits (resolved, wrapped Requestors)",
          "ticket/%d" % t2, expect={"rt_code": 200, "status": "resolved", "requestors": REQUESTORS})
    c.cap("multi-edit-ok", "edit with two forms, both fine", "edit",
          content="id: ticket/%d\nPriority: 3\n--\nid: ticket/%d\nPriority: 4\n" % (t1, t4),
          expect={"rt_code": 200})
    c.cap("multi-edit-validation-errors", "multi-form edit: missing id, bad id, syntax error -> 409",
          "edit", content="Priority: 3\n--\nid: foo bar/x\nPriority: 4\n--\nid: ticket/1\n# bad\n",
          expect={"rt_code": 409})
    c.cap("multi-edit-exec-errors", "multi-form edit: one ok, one missing ticket -> 400",
          "edit", content="id: ticket/%d\nPriority: 5\n--\nid: ticket/999\nPriority: 5\n" % t1,
          expect={"rt_code": 400})
    c.cap("ticket-show-text-cf", "ticket/3 fields=CF.{Notes Text},CF.{Multi Select},Subject",
          "ticket/%d" % t3, query=[("fields", "CF.{Notes Text},CF.{Multi Select},Subject")],
          expect={"rt_code": 200, "cf": {"Notes Text": NOTES, "Multi Select": MULTI}})

    # ---- comment / correspond -------------------------------------------------------------------
    c.cap("comment-plain", "comment with multi-line text and TimeWorked", "ticket/%d/comment" % t3,
          content=form(("id", str(t3)), ("Action", "comment"), ("TimeWorked", "5"),
                       ("Text", "comment line 1\n\ncomment line 3\n")),
          expect={"rt_code": 200, "text": "comment line 1\n\ncomment line 3\n"})
    c.cap("comment-empty-zero-files", "comment with an empty file and a file containing '0'",
          "ticket/%d/comment" % t3,
          content=form(("Action", "comment"), ("Text", "two odd files"),
                       ("Attachment", "empty.txt, zero.txt")), files=[F_EMPTY, F_ZERO],
          expect={"rt_code": 200, "attachments": [fileinfo(F_EMPTY), fileinfo(F_ZERO)]})
    c.cap("comment-comma-name", "comment with a file whose listed name has a comma (quoted, quotes kept)",
          "ticket/%d/comment" % t3,
          content=form(("Action", "comment"), ("Text", "comma name"), ("Attachment", "'a, b.txt'")),
          files=[F_COMMA],
          expect={"rt_code": 200, "attachments": [dict(fileinfo(F_COMMA), stored_name="'a, b.txt'")]})
    c.cap("correspond-html", "correspond with Content-Type text/html, latin-1 file and 1.5k file",
          "ticket/%d/comment" % t3,
          content=form(("Action", "correspond"), ("Content-Type", "text/html"),
                       ("Text", "<p>Hello <b>world</b></p>\n<p>ünï</p>"),
                       ("Attachment", "latin1.txt, big.txt")), files=[F_LATIN, F_BIG],
          expect={"rt_code": 200, "text": "<p>Hello <b>world</b></p>\n<p>ünï</p>",
                  "attachments": [fileinfo(F_LATIN), fileinfo(F_BIG)]})
    c.cap("comment-html-attachment", "comment with an attached text/html file",
          "ticket/%d/comment" % t3,
          content=form(("Action", "comment"), ("Text", "see page"), ("Attachment", "page.html")),
          files=[F_HTMLA], expect={"rt_code": 200, "attachments": [fileinfo(F_HTMLA)]})
    c.cap("comment-with-status", "correspond and set Status open (second comment line)",
          "ticket/%d/comment" % t1,
          content=form(("Action", "correspond"), ("Text", "answer"), ("Status", "open")),
          expect={"rt_code": 200, "status": "open"})
    c.cap("comment-bad-action", "comment with Action: shout -> 400 Invalid action",
          "ticket/%d/comment" % t1, content=form(("Action", "shout"), ("Text", "x")),
          expect={"rt_code": 400})
    c.cap("comment-empty", "empty comment -> 400", "ticket/%d/comment" % t1,
          content=form(("Action", "comment")), expect={"rt_code": 400})
    c.cap("comment-missing-upload", "comment naming a file that is not uploaded -> 400",
          "ticket/%d/comment" % t1, content=form(("Action", "comment"), ("Text", "x"), ("Attachment", "nope.txt")),
          expect={"rt_code": 400})
    c.cap("comment-missing-ticket", "comment on ticket 999 -> 400", "ticket/999/comment",
          content=form(("Action", "comment"), ("Text", "x")), expect={"rt_code": 400, "missing_ticket": 999})
    c.cap("comment-no-content", "ticket/1/comment without content: Mason error text",
          "ticket/%d/comment" % t1, expect={"body_kind": "error-text"})

    # ---- links ----------------------------------------------------------------------------------
    c.cap("links-edit", "set DependsOn 1,2; RefersTo external URL + 1; MemberOf 4",
          "ticket/%d/links" % t3,
          content=form(("DependsOn", "%d, %d" % (t1, t2)), ("RefersTo", "http://example.com/x?a=1&b=2, %d" % t1),
                       ("MemberOf", str(t4))),
          expect={"rt_code": 200})
    c.cap("links-show", "ticket/3/links", "ticket/%d/links" % t3,
          expect={"rt_code": 200, "depends_on": [t1, t2], "refers_to": ["http://example.com/x?a=1&b=2", t1],
                  "member_of": [t4]})
    c.cap("links-show-long", "ticket/3/links?format=l (empty relations too)", "ticket/%d/links" % t3,
          query=[("format", "l")], expect={"rt_code": 200})
    c.cap("links-show-reverse", "ticket/1/links (DependedOnBy/ReferredToBy)", "ticket/%d/links" % t1,
          expect={"rt_code": 200})
    c.cap("links-show-members", "ticket/4/links (Members)", "ticket/%d/links" % t4, expect={"rt_code": 200})
    c.cap("links-edit-error", "link to missing ticket 999 and unknown key -> 409",
          "ticket/%d/links" % t1, content=form(("DependsOn", "999"), ("Bogus", "1")),
          expect={"rt_code": 409})
    c.cap("links-none", "ticket/6/links without links", "ticket/%d/links" % t6, expect={"rt_code": 200})

    # ---- take / steal / untake --------------------------------------------------------------------
    c.cap("take", "take ticket 4", "ticket/%d/take" % t4, content=form(("Action", "take")),
          expect={"rt_code": 200, "owner": "root"})
    c.cap("take-again", "take again -> already owns", "ticket/%d/take" % t4, content=form(("Action", "take")),
          expect={"rt_code": 400})
    c.cap("steal-own", "steal own ticket -> error", "ticket/%d/take" % t4, content=form(("Action", "steal")),
          expect={"rt_code": 400})
    c.cap("untake", "untake ticket 4", "ticket/%d/take" % t4, content=form(("Action", "untake")),
          expect={"rt_code": 200, "owner": "Nobody"})
    c.cap("take-bad-action", "take with Action: grab -> invalid action", "ticket/%d/take" % t4,
          content=form(("Action", "grab")), expect={"rt_code": 400})

    # ---- merge ------------------------------------------------------------------------------------
    c.cap("merge", "merge ticket 5 into 4", "ticket/%d/merge/%d" % (t5, t4), content=form(("Ticket", str(t5))),
          expect={"rt_code": 200})
    c.cap("show-merged", "ticket/5 after merge shows ticket/4", "ticket/%d" % t5,
          expect={"rt_code": 200, "id": "ticket/%d" % t4})
    c.cap("merge-missing", "merge ticket 1 into 999 (with content) -> 400", "ticket/%d/merge/999" % t1,
          content=form(("Ticket", str(t1))), expect={"rt_code": 400})
    c.cap("merge-missing-nocontent", "merge ticket 1 into 999 without content -> 200 + comment",
          "ticket/%d/merge/999" % t1, expect={"rt_code": 200})

    # ---- attachments ------------------------------------------------------------------------------
    body = c.cap("attachments-list", "ticket/3/attachments listing", "ticket/%d/attachments" % t3,
                 expect={"rt_code": 200})
    att = re.findall(rb"(\d+): (.+?) \(([^ ()/]+/[^ ()/]+) / (\d+(?:\.\d)?[bk])\)", body)
    c.cap("attachments-list-single", "ticket/1/attachments (only the text part of one correspondence)",
          "ticket/%d/attachments" % t1, expect={"rt_code": 200})
    c.cap("attachments-list-none", "ticket/6/attachments (ticket created without text: no attachments)",
          "ticket/%d/attachments" % t6, expect={"body_kind": "empty"})
    c.cap("attachments-list-missing-ticket", "ticket/999/attachments", "ticket/999/attachments",
          expect={"rt_code": 200, "missing_ticket": 999})
    uploaded = {f[1]: f for f in [F_NOTE, F_BIN, F_UNI, F_NOEOL, F_EMPTY, F_ZERO, F_COMMA, F_LATIN, F_BIG, F_HTMLA]}
    uploaded["'a, b.txt'"] = F_COMMA
    unnamed_seen = set()
    for aid, aname, atype, asize in att:
        aid = int(aid)
        name = aname.decode("utf-8", "replace")
        if name == "(Unnamed)":
            # RT records outgoing mail as attachments too; capture only the first container and
            # the first text part of the ticket's own create transaction.
            if atype in unnamed_seen or len(unnamed_seen) >= 2:
                continue
            unnamed_seen.add(atype)
        short = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "unnamed"
        exp = {"attachment_id": aid, "listed_name": name, "content_type": atype.decode()}
        f = uploaded.get(name)
        if f:
            exp.update({"uploaded_file": f[1], "size": len(f[3]), "sha256": sha(f[3])})
        c.cap("attachment-%d-%s" % (aid, short), "ticket/3/attachments/%d (%s)" % (aid, name),
              "ticket/%d/attachments/%d" % (t3, aid), expect=dict(exp, rt_code=200))
        c.cap("attachment-%d-via-id" % aid, "attachment/%d (%s)" % (aid, name), "attachment/%d" % aid,
              expect=dict(exp, rt_code=200))
        cexp = dict(exp)
        if f:
            if f[3] in (b"", b"0"):
                cexp["body_kind"] = "empty"
            else:
                cexp["raw_content_sha256"] = sha(f[3])
                cexp["raw_content_size"] = len(f[3])
        c.cap("attachment-%d-content" % aid, "raw content of attachment %d (%s) via ticket path" % (aid, name),
              "ticket/%d/attachments/%d/content" % (t3, aid), expect=cexp)
        if f or atype.startswith(b"multipart"):
            c.cap("attachment-%d-content-via-id" % aid, "raw content of attachment %d via attachment/%d/content"
                  % (aid, aid), "attachment/%d/content" % aid, expect=cexp)
    c.cap("attachment-missing-ticket-path", "ticket/3/attachments/99999", "ticket/%d/attachments/99999" % t3,
          expect={"rt_code": 200})
    c.cap("attachment-missing", "attachment/99999", "attachment/99999", expect={"rt_code": 200})
    c.cap("attachment-by-name", "attachment/abc (non-numeric)", "attachment/abc", expect={"rt_code": 200})

    # ---- history / transactions -------------------------------------------------------------------
    body = c.cap("history", "ticket/3/history (short)", "ticket/%d/history" % t3, expect={"rt_code": 200})
    txns = [int(x) for x in re.findall(rb"^(\d+): ", body, re.M)]
    c.cap("history-long", "ticket/3/history?format=l (several envelopes)", "ticket/%d/history" % t3,
          query=[("format", "l")], expect={"entries": len(txns)})
    c.cap("history-type-comment", "ticket/3/history/type/Comment", "ticket/%d/history/type/Comment" % t3,
          expect={"rt_code": 200})
    c.cap("history-type-nomatch", "ticket/1/history/type/AddLink... no match", "ticket/%d/history/type/Bogus" % t1,
          expect={"rt_code": 200})
    c.cap("history-simple", "ticket/1/history (short)", "ticket/%d/history" % t1, expect={"rt_code": 200})
    c.cap("history-fields", "ticket/1/history?fields=Type,Content", "ticket/%d/history" % t1,
          query=[("fields", "Type,Content")], expect={})
    create_txn = txns[0] if txns else 0
    c.cap("history-id", "ticket/3/history/id/<create txn>", "ticket/%d/history/id/%d" % (t3, create_txn),
          expect={"rt_code": 200, "transaction": create_txn, "text": TEXT})
    c.cap("history-id-unrelated", "ticket/1/history/id/<txn of ticket 3>: not related",
          "ticket/%d/history/id/%d" % (t1, create_txn), expect={"rt_code": 200})
    c.cap("transaction", "transaction/<t> short", "transaction/%d" % create_txn, expect={"rt_code": 200})
    c.cap("transaction-long", "transaction/<t>?format=l", "transaction/%d" % create_txn,
          query=[("format", "l")], expect={"rt_code": 200, "text": TEXT})
    c.cap("transaction-missing", "transaction/99999: Perl error text", "transaction/99999",
          expect={"body_kind": "error-text"})
    c.cap("history-missing-ticket", "ticket/999/history", "ticket/999/history", expect={"rt_code": 200})
    c.cap("show-multi-history-long", "show?id=ticket/1&id=ticket/2/history&format=l (concatenated envelopes)",
          "show", query=[("id", "ticket/%d" % t1), ("id", "ticket/%d/history" % t2), ("format", "l")],
          expect={})

    # ---- users ------------------------------------------------------------------------------------
    c.cap("user-create", "create user dave with unicode RealName", "user/new",
          content=form(("id", "user/new"), ("Name", "dave"), ("EmailAddress", "dave@example.com"),
                       ("RealName", "Dävé Ünïcode"), ("Organization", "Example Org"),
                       ("Comments", "first comment line\nsecond line\n")),
          expect={"rt_code": 200, "name": "dave", "real_name": "Dävé Ünïcode",
                  "comments": "first comment line\nsecond line\n"})
    c.cap("user-edit", "edit user dave: Organization", "user/dave",
          content=form(("Organization", "New Org")),
          expect={"rt_code": 200, "organization": "New Org"})
    c.cap("user-edit-cf", "edit user with a CF-Dept key (user CFs are read-only over REST) -> 409 partial",
          "user/dave", content=form(("Organization", "Newer Org"), ("CF-Dept", "Sales, Support")),
          expect={"rt_code": 409, "organization": "Newer Org"})
    c.cap("user-edit-unknown", "edit user with unknown field -> 409", "user/dave",
          content=form(("Bogus", "1")), expect={"rt_code": 409})
    c.cap("user-show", "user/dave", "user/dave", expect={"rt_code": 200, "name": "dave"})
    c.cap("user-show-long", "user/dave?format=l (all attributes)", "user/dave", query=[("format", "l")],
          expect={"rt_code": 200})
    c.cap("user-show-root", "user/root (by name; CF-Dept values set through the Perl API)", "user/root",
          expect={"rt_code": 200, "name": "root", "cf": {"Dept": ROOT_DEPTS}})
    c.cap("user-show-email", "user/dave@example.com (by address)", "user/dave@example.com",
          expect={"rt_code": 200, "name": "dave"})
    c.cap("user-missing", "user/nosuchuser", "user/nosuchuser", expect={"rt_code": 200})
    c.cap("user-create-fail", "create user without name/email -> error", "user/new",
          content=form(("id", "user/new"), ("Organization", "x")), expect={})

    # ---- queues -----------------------------------------------------------------------------------
    c.cap("queue-create", "create queue 'Support Ünï'", "queue/new",
          content=form(("id", "queue/new"), ("Name", "Support Ünï"), ("Description", "support queue"),
                       ("CorrespondAddress", "support@example.com")),
          expect={"rt_code": 200, "name": "Support Ünï"})
    c.cap("queue-edit", "edit queue General description", "queue/General",
          content=form(("Description", "The default queue, edited")),
          expect={"rt_code": 200, "description": "The default queue, edited"})
    c.cap("queue-edit-cf", "edit queue with a CF- key (queue CFs are read-only over REST) -> 409 partial",
          "queue/General", content=form(("CorrespondAddress", "general@example.com"), ("CF-Queue Note", "x")),
          expect={"rt_code": 409})
    c.cap("queue-show", "queue/General (CF-Queue Note set through the Perl API)", "queue/General",
          expect={"rt_code": 200, "name": "General", "cf": {"Queue Note": [QUEUE_NOTE]}})
    c.cap("queue-show-id", "queue/1", "queue/1", expect={"rt_code": 200})
    c.cap("queue-show-unicode", "queue/Support Ünï by name", "queue/Support Ünï",
          expect={"rt_code": 200, "name": "Support Ünï"})
    c.cap("queue-missing", "queue/NoSuchQueue", "queue/NoSuchQueue", expect={"rt_code": 200})
    c.cap("queue-create-template-name", "queue/new with the template name -> 409", "queue/new",
          content=form(("id", "queue/new"), ("Name", "<queue name>")), expect={"rt_code": 409})
    c.cap("queue-edit-unknown", "queue edit unknown field -> 409", "queue/General",
          content=form(("Bogus", "1")), expect={"rt_code": 409})
    c.cap("queue-ticketcustomfields", "queue/1/ticketcustomfields", "queue/1/ticketcustomfields",
          expect={"rt_code": 200})
    c.cap("queue-ticketcustomfields-long", "queue/1/ticketcustomfields?format=l", "queue/1/ticketcustomfields",
          query=[("format", "l")], expect={"rt_code": 200})
    c.cap("queue-customfields", "queue/1/customfields", "queue/1/customfields", expect={"rt_code": 200})

    # ---- groups -----------------------------------------------------------------------------------
    c.cap("group-show", "group/<id> (created through the Perl API)", "group/%d" % gid,
          expect={"rt_code": 200, "name": "Staff Ünï", "group_id": gid})
    c.cap("group-show-members", "group/<id>?fields=Name,Members", "group/%d" % gid,
          query=[("fields", "Name,Members")], expect={"rt_code": 200})
    c.cap("group-create", "create group via REST", "group/new",
          content=form(("id", "group/new"), ("Name", "Rest Group"), ("Description", "made over REST")),
          expect={"name": "Rest Group"})
    c.cap("group-missing", "group/99999", "group/99999", expect={"rt_code": 200})

    # ---- search -----------------------------------------------------------------------------------
    q_all = "Queue = 'General'"
    c.cap("search-ticket-i", "search/ticket format=i", "search/ticket",
          query=[("query", q_all), ("orderby", "+id"), ("format", "i")], expect={"rt_code": 200})
    c.cap("search-ticket-s", "search/ticket format=s (default)", "search/ticket",
          query=[("query", q_all), ("orderby", "+id")], expect={"rt_code": 200})
    c.cap("search-ticket-l", "search/ticket format=l", "search/ticket",
          query=[("query", "id <= %d" % t3), ("orderby", "+id"), ("format", "l")], expect={"rt_code": 200})
    c.cap("search-ticket-s-fields", "search/ticket format=s with fields (TSV)", "search/ticket",
          query=[("query", q_all), ("orderby", "+id"), ("format", "s"),
                 ("fields", "Subject,Status,Requestors,CF.{Multi Select}")], expect={"rt_code": 200})
    c.cap("search-ticket-l-fields", "search/ticket format=l with fields", "search/ticket",
          query=[("query", q_all), ("orderby", "-id"), ("format", "l"), ("fields", "Subject,Owner,CF.{Notes Text}")],
          expect={"rt_code": 200})
    c.cap("search-ticket-fields-only", "search/ticket with fields and no format (implies l)", "search/ticket",
          query=[("query", "id = %d" % t1), ("fields", "Subject")], expect={"rt_code": 200})
    c.cap("search-ticket-empty-s", "search/ticket no results, format s", "search/ticket",
          query=[("query", "Subject = 'does not exist anywhere'")], expect={"rt_code": 200})
    c.cap("search-ticket-empty-i", "search/ticket no results, format i", "search/ticket",
          query=[("query", "Subject = 'does not exist anywhere'"), ("format", "i")], expect={"rt_code": 200})
    c.cap("search-ticket-empty-query", "search/ticket with an empty query", "search/ticket",
          query=[("query", "")], expect={"rt_code": 200})
    c.cap("search-ticket-bad-query", "search/ticket bad TicketSQL -> 400 Bad request", "search/ticket",
          query=[("query", "Subject = = ")], expect={"rt_code": 400})
    c.cap("search-ticket-bad-format", "search/ticket format=x -> 400", "search/ticket",
          query=[("query", q_all), ("format", "x")], expect={"rt_code": 400})
    c.cap("search-ticket-bad-fields", "search/ticket fields with space -> 400", "search/ticket",
          query=[("query", q_all), ("fields", "Subject, Status")], expect={"rt_code": 400})
    c.cap("search-ticket-no-query", "search/ticket without query: Mason error text", "search/ticket",
          expect={"body_kind": "error-text"})
    c.cap("search-queue", "search/queue (all)", "search/queue", query=[("query", "")], expect={"rt_code": 200})
    c.cap("search-queue-l", "search/queue format=l Name LIKE", "search/queue",
          query=[("query", "Name LIKE Support"), ("format", "l")], expect={"rt_code": 200})
    c.cap("search-user", "search/user (privileged users)", "search/user", query=[("query", "")],
          expect={"rt_code": 200})
    c.cap("search-user-i", "search/user format=i Name = dave", "search/user",
          query=[("query", "Name = dave"), ("format", "i")], expect={"rt_code": 200})
    c.cap("search-group", "search/group", "search/group", query=[("query", "")], expect={"rt_code": 200})
    c.cap("search-group-bad-op", "search/group invalid operator", "search/group",
          query=[("query", "Name ~~ x")], expect={"rt_code": 400})
    c.cap("search-unknown-type", "search/foo -> 500 Unsupported object type", "search/foo",
          query=[("query", "")], expect={"rt_code": 500})

    # ---- logout (last) ------------------------------------------------------------------------------
    c.cap("logout", "logout (with credentials, so a session exists)", "logout", expect={"rt_code": 200})
    c.cap("logout-no-credentials", "logout without credentials -> 401", "logout", auth="none",
          expect={"rt_code": 401})

    notes["expect_conventions"] = (
        "Watcher lists (requestors, cc, admincc) are sets: RT prints them in its own order. "
        "Multi-value CF lists are in the order sent (= RT value order). 'text' values are the exact "
        "strings sent with the encoding of spec 13.4. Binary data is given as size + sha256.")
    notes["tickets"] = {"hello": t1, "second": t2, "complex": t3, "merge_target": t4, "merge_source": t5,
                        "plural_requestors": t6}
    notes["complex_ticket_transactions"] = txns
    c.write(notes)
    print("captured %d files into %s" % (c.n, OUT), file=sys.stderr)


def readme(corpus):
    """Write <corpus>/README.md: one line per captured file, from the manifests."""
    out = ["# REST 1.0 response corpus", "",
           "Byte-exact response bodies captured from fresh live RT instances (SQLite, `rt-server`).",
           "Regenerate everything (needs root: installs/starts RT; RT 4.4 is captured when it runs):", "",
           "    corpus/capture.sh", "",
           "Each `rt<v>/manifest.json` records per file the request (path, query, exact `content`,",
           "uploaded files with size and SHA-256), the HTTP status/Content-Type, and `expect`: facts the",
           "capture script knows independently of any parser (intended values, ids, RT codes).",
           "Dates, ids and session-dependent values differ between runs.", "",
           "Helper files: `capture.sh` (driver), `capture.py` (HTTP client, stdlib only),",
           "`setup-rt.pl` (creates custom fields and a group through RT's Perl API),",
           "`capture_site.py` and `setup-site.pl` (the site-configured captures `rt<v>-site/`: RT in",
           "Europe/Berlin under the WebPath `/rt`, a custom lifecycle, users of the languages de, ja,",
           "ru and of every DateTimeFormat preference; each capture's `expect` names the user's",
           "language, format and zone).", "",
           "`<name>.expected.json` is the decoded structure of `<name>.rt` written by `expect.py`, an",
           "independent reference decoder (Python standard library only, written from the wire-format",
           "reference and RT's handlers; it shares no code with the crate). It also checks the decoded",
           "values against the manifest's `expect` facts. Regenerate after a capture:", "",
           "    python3 corpus/expect.py corpus/rt5 corpus/rt4 corpus/rt5-site corpus/rt4-site", "",
           "It exits 1 when it prints a `WARNING` or `MISMATCH`. `corpus/check-expect.sh` (run by CI)",
           "runs it on a temporary copy and fails on any warning or mismatch, or when its output differs",
           "from the committed expected files; `tests/corpus.rs` then checks that the crate reads every",
           "capture the manifests list as exactly these structures.", ""]
    for d in sorted(os.listdir(corpus)):
        man = os.path.join(corpus, d, "manifest.json")
        if not os.path.isfile(man):
            continue
        with open(man, encoding="utf-8") as fh:
            m = json.load(fh)
        out += ["## `%s/` (RT %s, %d files)" % (d, m["rt_version_major"], len(m["captures"])), ""]
        for e in m["captures"]:
            out.append("- `%s` — %s" % (e["file"], e["description"]))
        out.append("")
    with open(os.path.join(corpus, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


if __name__ == "__main__":
    if sys.argv[1] == "--readme":
        readme(sys.argv[2])
    else:
        BASE, OUT, RTVER = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
        main()
