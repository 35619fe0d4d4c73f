#!/usr/bin/perl
# Prepares a site-configured RT (scripts/rt-live.sh with RT_LIVE_SITE=1) for
# corpus/capture_site.py, through RT's Perl API: the queue `Support` on the
# custom lifecycle `support`, and one user per language and date-format
# preference, each a SuperUser with the password `password`.
# Run with the environment printed by `RT_LIVE_SITE=1 scripts/rt-live.sh env <v>`:
#   perl -I"$RT_LIB" corpus/setup-site.pl
# Prints one line per object: "<kind>\t<name>\t<id>\t<details>" (UTF-8).
use strict;
use warnings;
use utf8;
use RT -init;

binmode STDOUT, ':encoding(UTF-8)';
my $sys = RT->SystemUser;

my $queue = RT::Queue->new($sys);
$queue->Load('Support');
unless ($queue->id) {
    my ($id, $msg) = $queue->Create(Name => 'Support', Lifecycle => 'support');
    die "queue Support: $msg\n" unless $id;
}
die "queue Support is not on the lifecycle support\n" unless $queue->Lifecycle eq 'support';
print join("\t", 'queue', 'Support', $queue->id, 'lifecycle support'), "\n";

# Name, language, time zone ('' for the site's), DateTimeFormat preference.
my @users = (
    [ 'anna', 'de', '',              'LocalizedDateTime' ],
    [ 'yuki', 'ja', 'Asia/Tokyo',    'LocalizedDateTime' ],
    [ 'ivan', 'ru', 'Europe/Moscow', 'LocalizedDateTime' ],
);
for my $format (RT::Date->new($sys)->Formatters) {
    push @users, [ "en-$format", 'en', 'America/New_York', $format ];
    push @users, [ "de-$format", 'de', '', $format ];
}

for my $u (@users) {
    my ($name, $lang, $tz, $format) = @$u;
    my $user = RT::User->new($sys);
    $user->Load($name);
    unless ($user->id) {
        my ($id, $msg) = $user->Create(
            Name         => $name,
            EmailAddress => "$name\@site.invalid",
            Privileged   => 1,
            Lang         => $lang,
            ($tz ? (Timezone => $tz) : ()),
        );
        die "user $name: $msg\n" unless $id;
        my ($ok, $m) = $user->SetPassword('password');
        die "password $name: $m\n" unless $ok;
        ($ok, $m) = $user->PrincipalObj->GrantRight(Right => 'SuperUser', Object => $RT::System);
        die "SuperUser $name: $m\n" unless $ok;
        ($ok, $m) = $user->SetPreferences($RT::System, { DateTimeFormat => $format });
        die "preferences $name: $m\n" unless $ok;
    }
    print join("\t", 'user', $name, $user->id, "$lang $format " . ($tz || 'site zone')), "\n";
}
