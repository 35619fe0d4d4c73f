#!/usr/bin/env python3
"""Independent reference decoder for the RT REST 1.0 response corpus.

Usage (from the repository root):

    python3 corpus/expect.py corpus/rt5            # one corpus directory
    python3 corpus/expect.py corpus/rt5 corpus/rt4 # several

For every ``<name>.rt`` in a directory it writes ``<name>.expected.json`` next to it
(stale ``*.expected.json`` without a matching ``.rt`` are removed), then checks the decoded
values against the intended values recorded in that directory's ``manifest.json``
(``expect``) and prints one summary line per file plus every mismatch.  The exit status is
1 when anything was printed as WARNING or MISMATCH (or a file and the manifest disagree).
``corpus/check-expect.sh`` (run by CI) regenerates the output into a temporary copy and
fails when it differs from the committed ``*.expected.json``.

This decoder is written only from the wire-format reference
(/work/shared/spec/rest1-wire-format.md: §3 envelopes, §5 form_compose and the exact
inverse of §5.8, §14.1-14.2 grammar); it deliberately shares no code or logic with the Rust
parser in src/.  Python 3 standard library only.

Output shape (one JSON object per file):

    {"status": {"version": "...", "code": 200, "reason": "Ok"} | null,
     "forms": [{"comments": ["# ..."], "fields": [[key, value], ...], "echo": "..."?}, ...],
     "text": null | "..."}

* status: the first envelope's status line, null if the body does not start with ``RT/``.
* forms: every form of every envelope, in order.  Values are decoded with the exact inverse
  of §5.8 (blank-line accounting; continuation lines de-indented by exactly w = len(key)+2
  spaces, or 4 if that exceeds 16).  List values (Requestors, wrapped lists) are kept as the
  de-indented text, i.e. items separated by ", " or ",\\n" at a wrap.  ``Key:`` (empty list)
  gives "".  Keys split at the first ": "; ``CF.{...}`` keys at the first "}: "; bare CF
  name keys of the ``.../customfields`` and ``.../ticketcustomfields`` endpoints at the last
  ": " (spec §14.2 rule 4).
* echo: 409 ``>>`` echo text, from the ``>>`` line to the end of the form, LF-joined.
* text: a payload that is not a form set (search format i, TSV of format=s with fields, the
  plain-text messages of spec §10.2, 401 messages, raw ``/content`` bytes) -- all bytes after
  the empty line following the status line; for a body that is not an envelope, the whole
  body (an empty body gives "").
* Bytes that are not UTF-8 are written as {"base64": "..."}.

Framing (§3.3): object endpoints add one LF after the payload, ``search/...`` two; ``.../content``
endpoints are raw.  The request path comes from manifest.json.
"""

import base64
import hashlib
import json
import os
import re
import sys

STATUS_RE = re.compile(rb"RT/([^ \n]+) ([0-9]{3}) ([^\n]*)\n")
# a later envelope must look exactly like a status line (§3.2: reason = letters/digits/spaces)
INNER_STATUS_RE = re.compile(rb"RT/([!-~\x80-\xff]+) ([0-9]{3}) ([A-Za-z0-9 ]+)\n")

# Plain-text payloads (spec §10.2, §9.17): not form sets.  Read from the REST 1.0 handlers
# RT 4.4.6 and 5.0.3 install (dhandler, search/dhandler, ticket/link, ticket/comment,
# ticket/merge, Forms/{queue,group}/*customfields) and the 401 branch of RT::Interface::Web.
# Each pattern is the message's whole line(s) as RT prints it; only "Invalid query: '"
# (a Perl error that may span many lines) is recognised by its start.
_RELATIONS = rb"(?:DependsOn|DependedOnBy|RefersTo|ReferredToBy|HasMember|MemberOf)"
PLAIN_TEXT_LINES = [re.compile(p + rb"\r*(?:\n|\Z)") for p in (
    rb"Invalid object ID specified: '.*'",                # dhandler, 400
    rb"You may submit only one form to this object\.",    # dhandler, 400
    rb"No objects specified\.",                           # dhandler, 400
    rb"Invalid field specification: .*",                  # dhandler and search, 400
    rb"Permission denied",                                # search/user, 403
    rb"Unknown listing format: .+\. \(Use i, s, or l\.\)",  # search, 400
    rb"Invalid operator specification: .*",               # search, 400
    rb"Invalid query specification: .*",                  # search, 200
    rb"No matching results\.",                            # search, 200
    rb"Unsupported object type\.",                        # search, 500
    rb"Your username or password is incorrect",           # 401
    rb"Use RT's login page to log in",                    # 401, RT 5 (RestrictLoginReferrer)
    rb"Cannot modify (?:Queue|Group) CF definitions via REST",  # .../customfields, 400
    rb"Invalid link: '.*'\.",                             # ticket/link, 400
    rb"/REST/1\.0/ticket/link\r*\nInvalid ticket id: '.*'\.",   # ticket/link, 400
    rb"/REST/1\.0/ticket/merge\r*\nInvalid ticket id: `.*'\.",  # ticket/merge, 400
    rb"Invalid ticket id: `.*'\.",                        # ticket/comment, 400
    rb"Couldn't load ticket id: ['`].*'\.",               # legacy components, 404
    rb"Different ids in URL \(`.*'\) and submitted form \(`.*'\)\.",  # ticket/link, merge
    # ticket/link success: RT's own (localised) message, then the handler's text; a
    # search listing line "<id>: ..." or a form's "id: ..." is never one
    rb"(?!#|id:|\d+:).* (?:Created|Deleted) link \d+ " + _RELATIONS + rb" .+",
    rb"Empty form submitted\.",                           # ticket/comment, 400
    rb"The submitted form and URL specify different tickets\.",  # ticket/comment, 400
    rb"Invalid action: `.*'\.",                           # ticket/comment, 400
    rb"Empty comment with no attachments submitted\.",    # ticket/comment, 400
    rb"No attachment for .*",                             # ticket/comment, 400
    rb"You are not allowed to (?:Comment|Correspond) on ticket .*\.",  # ticket/comment, 403
    rb"You are not allowed to modify ticket .*\.",        # ticket/merge, 403
)]
PLAIN_TEXT_STARTS = (b"Invalid query: '",)                # search, 400 (Perl error + stack)

WARNINGS = []


def warn(msg):
    WARNINGS.append(msg)


def jstr(b):
    """bytes -> JSON value: str if valid UTF-8, else {"base64": ...}."""
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(b).decode("ascii")}


def char_len(b):
    try:
        return len(b.decode("utf-8"))
    except UnicodeDecodeError:
        return len(b)  # raw Latin-1 bytes (spec §12.2): one byte = one character


def width(key):
    w = char_len(key) + 2
    return 4 if w > 16 else w


# ---------------------------------------------------------------------------------------
# request context

class Ctx:
    def __init__(self, path, query):
        self.path = path or ""
        q = {}
        for k, v in query or []:
            q.setdefault(k, v)
        self.query = q
        rel = self.path
        if "/REST/1.0/" in rel:
            rel = rel.split("/REST/1.0/", 1)[1]
        self.rel = rel.strip("/")
        self.search = self.rel.lower().startswith("search/") or self.rel.lower() == "search"
        self.raw = bool(re.search(r"(^|/)attachments?/\d+/content$", self.rel))
        self.cf_listing = bool(re.search(r"(^|/)(ticket)?customfields$", self.rel))
        self.framing = 2 if self.search else 1

    def search_text(self):
        """search payloads that are never form sets: format i, format s with fields (TSV)."""
        if not self.search:
            return False
        # fields= implies format=l unless a format is given (spec §8.3)
        fmt = self.query.get("format", "l" if self.query.get("fields") else "s")
        if fmt == "i":
            return True
        if fmt == "s" and self.query.get("fields"):
            return True
        return False


# ---------------------------------------------------------------------------------------
# key/value decoding

def split_key(line, ctx):
    """Return (key, first_value_line, is_empty_list)."""
    if ctx.cf_listing and not line.startswith(b"id: "):
        i = line.rfind(b": ")
        if line.endswith(b":") and (i < 0 or i + 2 < len(line)):
            return line[:-1], b"", True
        if i >= 0:
            return line[:i], line[i + 2:], False
    if line.startswith(b"CF.{"):
        i = line.find(b"}: ")
        if i >= 0:
            return line[:i + 1], line[i + 3:], False
        if line.endswith(b"}:"):
            return line[:-1], b"", True
    i = line.find(b": ")
    if i >= 0:
        return line[:i], line[i + 2:], False
    if line.endswith(b":"):
        return line[:-1], b"", True
    warn("key line without ': ' or final ':': %r" % line)
    return line, b"", False


def parse_form(lines, ctx, framing_after, code):
    """lines: the form's lines (no separator lines).  framing_after: number of empty lines
    after this form that are framing (1 before a separator, 1/2 at the payload end)."""
    form = {"comments": [], "fields": []}
    i, n = 0, len(lines)
    while i < n and lines[i] == b"":
        i += 1
    while i < n and lines[i].startswith(b"#"):
        form["comments"].append(lines[i])
        i += 1
    while i < n and lines[i] == b"":
        i += 1
    blocks = []  # (key, first, is_list, cont_lines, E)
    echo = None
    while i < n:
        line = lines[i]
        if line.startswith(b" ") or line == b"":
            warn("stray line %r at form level" % line)
            i += 1
            continue
        if code == 409 and line.startswith(b">>"):
            rest = lines[i:]
            while rest and rest[-1] == b"":
                rest = rest[:-1]
            if any(l == b"" for l in rest):
                warn("empty line inside echo text")
            echo = b"\n".join(rest)
            break
        key, first, is_list = split_key(line, ctx)
        j = i + 1
        while j < n and (lines[j] == b"" or lines[j].startswith(b" ")):
            j += 1
        block = lines[i + 1:j]
        last_sp = -1
        for k, l in enumerate(block):
            if l.startswith(b" "):
                last_sp = k
        cont = block[:last_sp + 1]
        E = len(block) - (last_sp + 1)
        blocks.append([key, first, is_list, cont, E])
        i = j
    if blocks and echo is None:
        blocks[-1][4] -= framing_after
    for key, first, is_list, cont, E in blocks:
        if E < 0 or E > 2:
            warn("key %r: %d empty lines after the value (expected 0..2)" % (key, E))
        if is_list and (cont or E == 2):
            warn("empty-list key %r followed by value lines" % key)
        if cont:
            w = width(key)
            pieces = [first]
            for l in cont:
                if l[:w] == b" " * w:
                    pieces.append(l[w:])
                else:
                    warn("key %r: continuation line not indented by %d spaces: %r" % (key, w, l))
                    pieces.append(l.lstrip(b" "))  # fewer than w spaces: strip them all
            value = b"\n".join(pieces) + (b"\n" if E == 2 else b"")
        else:
            value = first + (b"\n" if E == 2 else b"")
        form["fields"].append([key, value, is_list])
    if echo is not None:
        form["echo"] = echo
    return form


def parse_form_set(payload, ctx, framing, code):
    lines = payload.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the final LF terminates the last line
    groups = [[]]
    for l in lines:
        if l == b"--":
            groups.append([])
        else:
            groups[-1].append(l)
    forms = []
    for gi, g in enumerate(groups):
        if gi > 0:
            if g and g[0] == b"":
                g = g[1:]  # the one empty line after "--" belongs to the separator
            else:
                warn("separator not followed by an empty line")
        last = gi == len(groups) - 1
        forms.append(parse_form(g, ctx, framing if last else 1, code))
    return forms


def is_plain_text(payload, ctx, code):
    if code == 401:
        return True
    if ctx.search_text():
        return True
    return payload.startswith(PLAIN_TEXT_STARTS) or any(p.match(payload) for p in PLAIN_TEXT_LINES)


def split_envelopes(body, ctx):
    """Return list of (status_match, payload_or_None)."""
    m = STATUS_RE.match(body)
    starts = [0]
    if not ctx.raw:
        pos = m.end()
        for mm in re.finditer(rb"\n\n(?=RT/)", body[pos:]):
            at = pos + mm.end()
            if INNER_STATUS_RE.match(body, at):
                starts.append(at)
    envs = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else len(body)
        seg = body[s:e]
        sm = STATUS_RE.match(seg)
        rest = seg[sm.end():]
        if rest == b"":
            envs.append((sm, None))
        else:
            if not rest.startswith(b"\n"):
                warn("status line not followed by an empty line")
                envs.append((sm, rest))
            else:
                envs.append((sm, rest[1:]))
    return envs


def compose_form(form):
    """Forward form_compose (spec §5.1-5.3) of a decoded form; used only as a round-trip
    self-check of the decoder.  Returns the possible texts (a comments-only form may or may
    not have had a key list, §5.1 rule 4)."""
    out = b""
    if form["comments"]:
        out += b"\n".join(form["comments"]) + b"\n\n"
    for key, value, is_list in form["fields"]:
        if b"\n" in value:
            if out and not out.endswith(b"\n\n"):
                out += b"\n"
            w = b" " * width(key)
            body = value[:-1] if value.endswith(b"\n") else value
            body = body.replace(b"\n", b"\n" + w) + (b"\n" if value.endswith(b"\n") else b"")
            out += key + b": " + body + b"\n\n"
        elif is_list and value == b"":
            out += key + b":\n"
        else:
            out += key + b": " + value + b"\n"
    if "echo" in form:
        return [out + form["echo"] + b"\n"]
    if not form["fields"] and form["comments"]:
        return [out[:-1], out]
    return [out]


def roundtrip_ok(forms, payload, framing):
    cands = [b""]
    for i, f in enumerate(forms):
        sep = b"\n--\n\n" if i else b""
        cands = [c + sep + t for c in cands for t in compose_form(f)]
        if len(cands) > 64:
            return None
    return payload in [c + b"\n" * framing for c in cands]


def decode(body, ctx):
    out = {"status": None, "forms": [], "text": None}
    m = STATUS_RE.match(body) if body.startswith(b"RT/") else None
    if m is None:
        if body.startswith(b"RT/"):
            warn("body starts with RT/ but has no valid status line")
        out["text"] = body
        return out
    envs = split_envelopes(body, ctx)
    out["status"] = {"version": m.group(1), "code": int(m.group(2)), "reason": m.group(3)}
    texts = []
    for sm, payload in envs:
        code = int(sm.group(2))
        if payload is None:
            continue
        if ctx.raw or is_plain_text(payload, ctx, code):
            texts.append(payload)
            continue
        forms = parse_form_set(payload, ctx, ctx.framing, code)
        ok = roundtrip_ok(forms, payload, ctx.framing)
        if ok is False:
            warn("round trip: re-composing the decoded forms (spec §5) does not give the payload bytes")
        out["forms"].extend(forms)
    if texts:
        if len(envs) > 1:
            warn("text payload in a multi-envelope body")
        out["text"] = b"".join(texts)
    return out


def to_json(out):
    st = out["status"]
    if st is not None:
        st = {"version": jstr(st["version"]), "code": st["code"], "reason": jstr(st["reason"])}
    forms = []
    for f in out["forms"]:
        jf = {"comments": [jstr(c) for c in f["comments"]],
              "fields": [[jstr(k), jstr(v)] for k, v, _ in f["fields"]]}
        if "echo" in f:
            jf["echo"] = jstr(f["echo"])
        forms.append(jf)
    text = None if out["text"] is None else jstr(out["text"])
    return {"status": st, "forms": forms, "text": text}


# ---------------------------------------------------------------------------------------
# manifest checks

def cf_values(value):
    r"""§7.2: the values of a multi-value ticket CF, the inverse of RT's join.

    RT joins the values with ","; a value holding a comma is written '...' with
    backslash and quote escaped, every other value as it is.  Read a value as quoted
    only where RT would have quoted it (a comma inside, only \\ and \' escapes,
    "," or the end after the closing quote); "" is no values.  (Not §7.1 vsplit,
    which is how RT reads requests.)
    """
    values, i, n = [], 0, len(value)
    if n == 0:
        return values
    while True:
        item = None
        if value.startswith("'", i):
            j, buf = i + 1, []
            while j < n and value[j] != "'":
                if value[j] == "\\":
                    if j + 1 >= n or value[j + 1] not in "\\'":
                        break
                    j += 1
                buf.append(value[j])
                j += 1
            if j < n and value[j] == "'" and "," in buf and (j + 1 == n or value[j + 1] == ","):
                item, i = "".join(buf), j + 1
        if item is None:
            k = value.find(",", i)
            k = n if k < 0 else k
            item, i = value[i:k], k
        values.append(item)
        if i >= n:
            return values
        i += 1


def list_items(value):
    """a §5.4 list value (de-indented text): items separated by ', ' or ',\\n'."""
    if value == "":
        return []
    return re.split(r",(?: |\n)", value)


class Checker:
    def __init__(self):
        self.n = 0
        self.mismatches = []

    def eq(self, what, got, want):
        self.n += 1
        if got != want:
            self.mismatches.append("%s: decoded %r, manifest %r" % (what, got, want))


def fields_of(form):
    d = {}
    for k, v in form["fields"]:
        d.setdefault(k, v)
    return d


def text_of(v):
    return v if isinstance(v, str) else None


def check_capture(cap, out, body, allcaps):
    exp = cap.get("expect") or {}
    c = Checker()
    forms = out["forms"]
    st = out["status"]
    comments = [x for f in forms for x in f["comments"]]
    if "rt_code" in exp:
        c.eq("rt_code", st["code"] if st else None, exp["rt_code"])
    if "body_kind" in exp:
        kind = "empty" if body == b"" else ("envelope" if body.startswith(b"RT/") else "error-text")
        c.eq("body_kind", kind, exp["body_kind"])
    if "created_ticket_id" in exp:
        ids = [int(m.group(1)) for x in comments for m in [re.match(r"# Ticket (\d+) created\.$", x)] if m]
        c.eq("created_ticket_id", ids[:1] and ids[0] or None, exp["created_ticket_id"])
    if "missing_ticket" in exp:
        want = "# Ticket %d does not exist." % exp["missing_ticket"]
        c.eq("missing_ticket comment", want in comments, True)
    if "ids" in exp:
        c.eq("ids", [fields_of(f).get("id") for f in forms], exp["ids"])
    if "forms" in exp:
        c.eq("forms (count)", len(forms), exp["forms"])
    if "unknown_fields" in exp:
        echoed = [k for f in forms for k, _ in f["fields"] if k != "id"]
        c.eq("unknown_fields (echoed keys)", echoed, exp["unknown_fields"])
    if "entries" in exp:
        c.eq("entries (history forms)", len([f for f in forms if fields_of(f).get("Type")]), exp["entries"])

    # object forms that show the values: ticket / user / queue / group show, history entry,
    # transaction
    objs = [fields_of(f) for f in forms if f["fields"]]
    tickets = [f for f in objs if str(f.get("id", "")).startswith("ticket/") and "/" not in f["id"][7:]]
    if tickets:
        t = tickets[0]
        simple = {"id": "id", "subject": "Subject", "status": "Status", "priority": "Priority",
                  "owner": "Owner", "queue": "Queue"}
        for ek, fk in simple.items():
            if ek in exp and fk in t:
                c.eq(ek, t[fk], exp[ek])
        for ek, fk in (("requestors", "Requestors"), ("cc", "Cc"), ("admincc", "AdminCc")):
            if ek in exp and fk in t:
                c.eq(ek + " (set)", sorted(list_items(t[fk])), sorted(exp[ek]))
        if "time_estimated_minutes" in exp and "TimeEstimated" in t:
            c.eq("time_estimated_minutes", t["TimeEstimated"], "%d minutes" % exp["time_estimated_minutes"])
        for name, want in (exp.get("cf") or {}).items():
            key = "CF.{%s}" % name
            if key in t:
                if isinstance(want, list):
                    c.eq("cf " + name, cf_values(t[key]), want)
                else:
                    c.eq("cf " + name, t[key], want)
    elif "id" in exp:
        got = [f.get("id") for f in objs]
        c.eq("id", got[:1] and got[0] or None, exp["id"])
    for o in objs:
        oid = str(o.get("id", ""))
        if re.match(r"(user|queue|group)/\d+$", oid):
            for ek, fk in (("name", "Name"), ("organization", "Organization"), ("real_name", "RealName"),
                           ("description", "Description"), ("comments", "Comments")):
                if ek in exp and fk in o:
                    c.eq(ek, o[fk], exp[ek])
            if "group_id" in exp and oid.startswith("group/"):
                c.eq("group_id", oid, "group/%d" % exp["group_id"])
            for name, want in (exp.get("cf") or {}).items():
                key = "CF-%s" % name
                if key in o:
                    # CF-<Name> lists are not quoted (§7.2): compare the joined text, items
                    # containing ", " cannot be split back
                    want = want if isinstance(want, list) else [want]
                    c.eq("cf " + name, o[key].replace(",\n", ", "), ", ".join(want))
    if "text" in exp:
        for o in objs:
            if "Content" in o and ("transaction" not in exp or str(o.get("id")) == str(exp["transaction"])):
                c.eq("text (Content of transaction %s)" % o.get("id"), o["Content"], exp["text"])
    if "transaction" in exp:
        ids = [o.get("id") for o in objs]
        c.eq("transaction id", str(exp["transaction"]) in ids, True)
    # links
    for ek, fk in (("depends_on", "DependsOn"), ("refers_to", "RefersTo"), ("member_of", "MemberOf")):
        if ek in exp:
            lo = [o for o in objs if str(o.get("id", "")).endswith("/links")]
            if lo and fk in lo[0]:
                got = list_items(lo[0][fk])
                want = [("fsck.com-rt://" if isinstance(x, int) else "") + str(x) for x in exp[ek]]
                norm = [re.sub(r"^fsck\.com-rt://[^/]+/ticket/(\d+)$", r"fsck.com-rt://\1", g) for g in got]
                c.eq(ek, norm, want)
    # attachments (single attachment form, raw content)
    if "attachment_id" in exp and forms:
        o = objs[0] if objs else {}
        if "id" in o:
            c.eq("attachment id", o["id"].split("/")[-1], str(exp["attachment_id"]))
        if "ContentType" in o:
            c.eq("content_type", o["ContentType"], exp["content_type"])
        if "uploaded_file" in exp and "Filename" in o:
            # the stored name is what the listing shows (a name sent quoted stays quoted, §7.1)
            c.eq("Filename", o["Filename"], exp["listed_name"])
        if "sha256" in exp and "Content" in o and not str(o["Content"]).startswith("Content is not text"):
            raw = o["Content"].encode("utf-8") if isinstance(o["Content"], str) \
                else base64.b64decode(o["Content"]["base64"])
            orig = re.search(r"X-RT-Original-Encoding: (\S+)", str(o.get("Headers", "")))
            if orig and orig.group(1).lower() not in ("utf-8", "ascii", "us-ascii") and isinstance(o["Content"], str):
                # text Content is shown decoded as UTF-8, not in the original charset (§9.8)
                raw = o["Content"].encode(orig.group(1))
            c.eq("Content sha256/size", (hashlib.sha256(raw).hexdigest(), len(raw)), (exp["sha256"], exp["size"]))
    if "raw_content_sha256" in exp:
        t = out["text"]
        raw = b"" if t is None else (t.encode("utf-8") if isinstance(t, str) else base64.b64decode(t["base64"]))
        c.eq("raw content sha256/size", (hashlib.sha256(raw).hexdigest(), len(raw)),
             (exp["raw_content_sha256"], exp["raw_content_size"]))
    return c


def html_words(text):
    """The words of an HTML (or plain) text, tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]*>", " ", text).split())


def cross_checks(dirpath, caps, decoded):
    """Intended values of write requests checked where they reappear in later responses:
    ticket texts / comment texts as history Content, create-time ticket facts in the
    first show of that ticket."""
    c = Checker()
    hist = [(cap, decoded[cap["file"]]) for cap in caps
            if re.search(r"ticket/\d+/history$", cap["request"]["path"])
            and dict(cap["request"]["query"]).get("format") == "l" and cap["file"] in decoded]
    for cap in caps:
        exp = cap.get("expect") or {}
        path = cap["request"]["path"]
        m = re.search(r"ticket/(\d+)/comment$", path)
        tid = int(m.group(1)) if m else exp.get("created_ticket_id")
        if "text" in exp and tid is not None and (path.endswith("/ticket/new") or m):
            for hcap, hout in hist:
                if not hcap["request"]["path"].endswith("ticket/%d/history" % tid):
                    continue
                contents = [fields_of(f).get("Content") for f in hout["forms"]]
                want = exp["text"]
                if re.search(r"^Content-Type: text/html", cap["request"]["content"] or "", re.M):
                    # RT shows an HTML text as plain text in history (RT::Transaction::Content
                    # renders text/html): compare the words
                    want = html_words(want)
                    contents = [html_words(x) for x in contents if isinstance(x, str)]
                c.eq("%s text found as a Content in %s" % (cap["file"], hcap["file"]),
                     want in contents, True)
    return c


def run_dir(d):
    """Returns the number of problems: warnings, mismatches, files not in the manifest,
    manifest entries without their file."""
    problems = 0
    man_path = os.path.join(d, "manifest.json")
    caps = []
    if os.path.exists(man_path):
        with open(man_path, encoding="utf-8") as fh:
            caps = json.load(fh)["captures"]
    else:
        print("%s: no manifest.json; framing cannot be chosen per endpoint" % d)
        problems += 1
    bycap = {c["file"]: c for c in caps}
    rts = sorted(f for f in os.listdir(d) if f.endswith(".rt"))
    for f in sorted(set(bycap) - set(rts)):
        print("%s: in manifest, file missing" % f)
        problems += 1
    for f in os.listdir(d):
        if f.endswith(".expected.json") and f[:-len(".expected.json")] + ".rt" not in rts:
            os.unlink(os.path.join(d, f))
    total_n = total_mm = 0
    decoded = {}
    for f in rts:
        with open(os.path.join(d, f), "rb") as fh:
            body = fh.read()
        cap = bycap.get(f)
        if cap is None:
            print("%s: not in manifest" % f)
            problems += 1
        ctx = Ctx(cap["request"]["path"], cap["request"]["query"]) if cap else Ctx("", [])
        del WARNINGS[:]
        out = decode(body, ctx)
        j = to_json(out)
        decoded[f] = j
        with open(os.path.join(d, f[:-3] + ".expected.json"), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(j, ensure_ascii=False, sort_keys=False) + "\n")
        for w in WARNINGS:
            print("  WARNING %s: %s" % (f, w))
        problems += len(WARNINGS)
        if cap:
            if cap["response"].get("sha256") and cap["response"]["sha256"] != hashlib.sha256(body).hexdigest():
                print("  WARNING %s: file bytes differ from manifest sha256" % f)
                problems += 1
            c = check_capture(cap, j, body, caps)
            total_n += c.n
            total_mm += len(c.mismatches)
            print("%s/%s: checked %d values, mismatches %d" % (d, f, c.n, len(c.mismatches)))
            for m in c.mismatches:
                print("  MISMATCH %s: %s" % (f, m))
    c = cross_checks(d, caps, decoded)
    total_n += c.n
    total_mm += len(c.mismatches)
    print("%s (cross-file): checked %d values, mismatches %d" % (d, c.n, len(c.mismatches)))
    for m in c.mismatches:
        print("  MISMATCH %s" % m)
    print("%s: %d files, %d manifest values checked, %d mismatches" % (d, len(rts), total_n, total_mm))
    return problems + total_mm


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    bad = 0
    for d in argv:
        bad += run_dir(d.rstrip("/"))
    if bad:
        print("%d warnings or mismatches" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
