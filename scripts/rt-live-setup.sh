#!/usr/bin/env bash
# rt-live-setup.sh — prepare a running scripts/rt-live.sh instance for the live suite
# (tests/live.rs). Idempotent: safe to run again against the same instance.
#
#   scripts/rt-live-setup.sh [5|4]
#
# REST 1.0 cannot create custom fields or grant rights, so this goes through RT's Perl API
# with the instance's private configuration (`scripts/rt-live.sh env`):
#   * the corpus objects of corpus/setup-rt.pl (ticket custom fields in queue General whose
#     names hold spaces, colons, braces and non-ASCII letters; a user and a queue custom
#     field; a group), created only if `Colon: Field` does not exist yet;
#   * the right OwnTicket in queue General for the Privileged group, so that a user the
#     suite creates can own a ticket and root can steal it.
#   * with RT_LIVE_SITE=1 (the site-configured instance), corpus/setup-site.pl: the queue
#     Support on the custom lifecycle and the users of several languages and date formats.
# Honours RT_LIVE_DIR / RT_LIVE_PORT like rt-live.sh. Chatter goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
ver=${1:-5}
eval "$(scripts/rt-live.sh env "$ver")"
export RT_SITE_CONFIG RT_SITE_CONFIG_DIR
scripts/rt-live.sh url "$ver" >/dev/null

if perl -I"$RT_LIB" -e '
    use RT -init;
    my $cf = RT::CustomField->new(RT->SystemUser);
    $cf->LoadByName(Name => "Colon: Field", LookupType => "RT::Queue-RT::Ticket");
    exit($cf->id ? 0 : 1);' </dev/null; then
  echo "rt-live-setup: corpus objects already present" >&2
else
  perl -I"$RT_LIB" corpus/setup-rt.pl </dev/null | sed 's/^/rt-live-setup: created /' >&2
fi

perl -I"$RT_LIB" -e '
    use RT -init;
    my $queue = RT::Queue->new(RT->SystemUser);
    $queue->Load("General") or die "no General queue\n";
    my $priv = RT::Group->new(RT->SystemUser);
    $priv->LoadSystemInternalGroup("Privileged") or die "no Privileged group\n";
    if ($priv->PrincipalObj->HasRight(Right => "OwnTicket", Object => $queue)) {
        print STDERR "rt-live-setup: OwnTicket already granted\n";
    } else {
        my ($ok, $msg) = $priv->PrincipalObj->GrantRight(Right => "OwnTicket", Object => $queue);
        die "GrantRight: $msg\n" unless $ok;
        print STDERR "rt-live-setup: granted OwnTicket in General to Privileged\n";
    }' </dev/null

if [[ ${RT_LIVE_SITE:-} == 1 ]]; then
  perl -I"$RT_LIB" corpus/setup-site.pl </dev/null | sed 's/^/rt-live-setup: site: /' >&2
fi
